using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// One Claude thinking block as it travels in parts. Strict reading (<see cref="ValidationConfig.OneThoughtPartPerBlock"/>):
/// each <c>thought: true</c> part is one block, signed over its own text, so a thought streamed as several
/// parts must be sent back joined into one. Lenient reading (<c>joinRuns</c>): a contiguous run of thought
/// parts that ends at the first signed one is one block (streamed thinking is split into many parts,
/// signature on the last), and RS's "trailing signature" variant, an empty non-thought text part with the
/// signature right after the run, also signs it. <see cref="Text"/> is what the signature covers: the
/// part's text, or the run's texts joined.
/// </summary>
/// <param name="Start">Index of the run's first part (the block index in error texts).</param>
internal sealed record ThinkingBlock(int Start, string Text, string? Signature)
{
    public static List<ThinkingBlock> Read(JsonNode? content, bool joinRuns)
    {
        var parts = Conversation.Parts(content).Select(p => p.Part).ToList();
        var indices = Conversation.Parts(content).Select(p => p.Index).ToList();
        var blocks = new List<ThinkingBlock>();
        var j = 0;
        while (j < parts.Count)
        {
            if (!Conversation.IsThought(parts[j]))
            {
                j++;
                continue;
            }

            var start = indices[j];
            var text = new StringBuilder();
            string? signature = null;
            while (j < parts.Count && Conversation.IsThought(parts[j]))
            {
                text.Append(Conversation.Text(parts[j]));
                signature = Conversation.Signature(parts[j]);
                j++;
                if (!joinRuns || !string.IsNullOrEmpty(signature))
                {
                    break;
                }
            }

            if (joinRuns && string.IsNullOrEmpty(signature) && j < parts.Count && IsTrailingSignature(parts[j]))
            {
                signature = Conversation.Signature(parts[j]);
                j++;
            }

            blocks.Add(new ThinkingBlock(start, text.ToString(), string.IsNullOrEmpty(signature) ? null : signature));
        }

        return blocks;
    }

    private static bool IsTrailingSignature(JsonObject part) =>
        !Conversation.IsThought(part)
        && Conversation.Text(part) == ""
        && !string.IsNullOrEmpty(Conversation.Signature(part))
        && Conversation.FunctionCall(part) is null;
}
