using System.Text;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Shared;

/// <summary>One Claude thinking block in a model turn's parts: parts <see cref="Start"/> up to <see cref="End"/> (exclusive).</summary>
/// <param name="Text">What the signature covers: the run's texts joined in order.</param>
/// <param name="Signature">The run's signature (its last signed part, or the empty text part right after it), or null.</param>
internal sealed record ThinkingBlock(int Start, int End, string Text, string? Signature)
{
    /// <summary>The block as the one thought part the upstream wants: its whole text and its signature, nothing else.</summary>
    public Part ToPart(string? signature = null) => new() { Thought = true, Text = Text, ThoughtSignature = signature ?? Signature };
}

/// <summary>
/// Claude thinking as it travels in parts. The upstream streams one thinking block as many <c>thought</c> parts with
/// the signature on the last (or, in some clients' replays, on an empty non-thought text part right after), and a
/// signature covers the block's whole text. A strict upstream reads every thought part as a block of its own, so a
/// block goes back as one part whose text is the run's texts joined (<see cref="Join"/>).
/// </summary>
internal static class ThinkingBlocks
{
    /// <summary>An empty non-thought text part that only carries the signature of the thinking run before it.</summary>
    public static bool IsTrailingSignature(Part part) =>
        part.Thought != true && part.Text == "" && !string.IsNullOrEmpty(part.ThoughtSignature) && part.FunctionCall is null
        && part.FunctionResponse is null && part.InlineData is null && part.FileData is null;

    /// <summary>The thinking blocks of one model turn's parts, in order: each a run of thought parts ending at its first signed one.</summary>
    public static List<ThinkingBlock> Read(List<Part> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var blocks = new List<ThinkingBlock>();
        var j = 0;
        while (j < parts.Count)
        {
            if (parts[j].Thought != true)
            {
                j++;
                continue;
            }

            var start = j;
            var text = new StringBuilder();
            string? signature = null;
            while (j < parts.Count && parts[j].Thought == true)
            {
                text.Append(parts[j].Text);
                signature = string.IsNullOrEmpty(parts[j].ThoughtSignature) ? null : parts[j].ThoughtSignature;
                j++;
                if (signature is not null)
                {
                    break;
                }
            }

            if (signature is null && j < parts.Count && IsTrailingSignature(parts[j]))
            {
                signature = parts[j].ThoughtSignature;
                j++;
            }

            blocks.Add(new ThinkingBlock(start, j, text.ToString(), signature));
        }

        return blocks;
    }

    /// <summary>
    /// The parts with every thinking block as one clean thought part (texts joined, the run's signature, no other
    /// fields); <paramref name="parts"/> itself when every block already is one.
    /// </summary>
    public static List<Part> Join(List<Part> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var blocks = Read(parts);
        if (blocks.TrueForAll(b => b.End - b.Start == 1 && parts[b.Start] == b.ToPart()))
        {
            return parts;
        }

        var joined = new List<Part>(parts.Count);
        var next = 0;
        foreach (var block in blocks)
        {
            joined.AddRange(parts.GetRange(next, block.Start - next));
            joined.Add(block.ToPart());
            next = block.End;
        }

        joined.AddRange(parts.GetRange(next, parts.Count - next));
        return joined;
    }
}
