using Switchyard.Protocols.Shared;
using Switchyard.RequestLog;
using Switchyard.Upstream.Wire;

namespace Switchyard.Recovery;

/// <summary>
/// Claude thinking in the history, made acceptable to an upstream that wants thinking on the final turn of the tool
/// loop and to one that wants it on every tool-call turn (issue 15). For each model turn:
/// <list type="number">
/// <item>a thinking block sent as several parts becomes one part (its texts joined, its signature);</item>
/// <item>a block whose text the upstream signed gets that signature back; a block whose signature cannot be valid
/// (missing, too short, the sentinel, refused before) is removed;</item>
/// <item>a tool-call turn starts with the thinking remembered for its first call (the block the upstream signed for
/// that turn), else with its own first usable block;</item>
/// <item>a tool-call turn with no usable thinking cannot be sent as a call: the call and its result go as text
/// (<see cref="ToolCallText"/>).</item>
/// </list>
/// Returns the contents it was given when nothing changes; never changes them.
/// </summary>
internal static class ClaudeThinking
{
    /// <param name="refused">Signatures to treat as refused besides those the memory knows (after a rejection).</param>
    public static List<Content> Prepare(List<Content> contents, ThinkingMemory? memory, IReadOnlySet<string>? refused, List<RepairRecord> repairs)
    {
        List<Content>? output = null;
        var toClose = new List<int>();
        for (var i = 0; i < contents.Count; i++)
        {
            var content = contents[i];
            if (!ConversationView.IsModel(content))
            {
                continue;
            }

            var parts = Turn(content.Parts, memory, refused, out var leading, out var notes);
            var hasCall = content.Parts.Exists(p => p.FunctionCall is not null);
            if (hasCall && !leading)
            {
                toClose.Add(i);
            }

            if (ReferenceEquals(parts, content.Parts))
            {
                continue;
            }

            output ??= [.. contents];
            output[i] = content with { Parts = parts };
            foreach (var (kind, detail) in notes)
            {
                repairs.Add(new RepairRecord(kind, $"contents[{i}]: {detail}"));
            }
        }

        // A turn that held nothing but unusable thinking is gone (the upstream refuses a content without parts).
        var result = output is null ? contents : ToolPairingRepair.MergeSameRole(output.FindAll(c => c.Parts.Count > 0));
        if (!ReferenceEquals(result, contents) && result.Count != contents.Count)
        {
            // Indices moved: find the turns to close again.
            toClose = [.. Enumerable.Range(0, result.Count).Where(i => ConversationView.IsModel(result[i])
                && result[i].Parts.Exists(p => p.FunctionCall is not null) && !ConversationView.IsThought(result[i].Parts[0]))];
        }

        return toClose.Count == 0
            ? result
            : ToolCallText.Close(result, toClose, null, "no signed thinking the upstream accepts is known for the turn", repairs);
    }

    /// <summary>Whether any tool-call turn (from <paramref name="from"/> on) lacks leading thinking.</summary>
    public static bool AnyToolTurnWithoutThinking(List<Content> contents, int from = 0)
    {
        for (var i = Math.Max(0, from); i < contents.Count; i++)
        {
            if (ConversationView.IsModel(contents[i]) && contents[i].Parts.Exists(p => p.FunctionCall is not null)
                && !(contents[i].Parts.Count > 0 && ConversationView.IsThought(contents[i].Parts[0])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One model turn's parts rebuilt; <paramref name="leading"/> tells whether it starts with usable thinking.</summary>
    private static List<Part> Turn(List<Part> parts, ThinkingMemory? memory, IReadOnlySet<string>? refused, out bool leading, out List<(string Kind, string Detail)> notes)
    {
        notes = [];
        var blocks = ThinkingBlocks.Read(parts);
        var firstCall = parts.FindIndex(p => p.FunctionCall is not null);
        var usable = new Part?[blocks.Count];
        int dropped = 0, resigned = 0, joined = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            joined += block.End - block.Start > 1 ? 1 : 0;
            var signature = block.Signature;
            if (memory?.SignatureFor(block.Text) is { } known && known != signature && !Refused(known, memory, refused))
            {
                signature = known;
                resigned++;
            }

            if (ThinkingMemory.LooksReal(signature) && !Refused(signature!, memory, refused))
            {
                usable[b] = block.ToPart(signature);
            }
            else
            {
                dropped++;
            }
        }

        // The block the upstream signed for this turn, remembered under its first call.
        Part? remembered = null;
        if (firstCall >= 0 && memory?.Find(ThinkingMemory.CallKey(parts[firstCall].FunctionCall!)) is { Family: Models.ModelFamily.Claude } r
            && ThinkingMemory.LooksReal(r.Signature) && !Refused(r.Signature, memory, refused))
        {
            remembered = new Part { Thought = true, Text = r.Text, ThoughtSignature = r.Signature };
        }

        var firstUsable = Array.FindIndex(usable, p => p is not null);
        var leadBlock = -1;
        Part? lead = null;
        if (firstCall >= 0)
        {
            if (remembered is not null)
            {
                lead = remembered;

                // The same block among the turn's own, else the turn's first block (before its first call): the
                // client's copy of this one, which goes.
                leadBlock = Array.FindIndex(usable, p => p == remembered);
                var same = leadBlock >= 0;
                if (!same)
                {
                    leadBlock = blocks.Count > 0 && blocks[0].Start < firstCall ? 0 : -1;
                }

                if (!same || blocks[leadBlock].Start != 0)
                {
                    notes.Add((RepairKinds.ThinkingRestored, "the signed thinking remembered for this tool-call turn put first"));
                }
            }
            else if (firstUsable >= 0)
            {
                lead = usable[firstUsable];
                leadBlock = firstUsable;
                if (blocks[firstUsable].Start != 0 || parts[0].Thought != true)
                {
                    notes.Add((RepairKinds.ThinkingOrder, "thinking block moved to the front of the tool-call turn"));
                }
            }
        }

        leading = firstCall < 0 || lead is not null;
        var rebuilt = new List<Part>(parts.Count + 1);
        if (lead is not null)
        {
            rebuilt.Add(lead);
        }

        var next = 0;
        var strays = 0;
        for (var b = 0; b <= blocks.Count; b++)
        {
            var end = b < blocks.Count ? blocks[b].Start : parts.Count;
            for (var j = next; j < end; j++)
            {
                var part = parts[j];
                if (part.ThoughtSignature is null)
                {
                    rebuilt.Add(part);
                    continue;
                }

                // Not part of a thinking block: a signature here was made for another model family.
                strays++;
                if (!ThinkingBlocks.IsTrailingSignature(part))
                {
                    rebuilt.Add(part with { ThoughtSignature = null });
                }
            }

            if (b < blocks.Count)
            {
                if (b != leadBlock && usable[b] is { } kept)
                {
                    rebuilt.Add(kept);
                }

                next = blocks[b].End;
            }
        }

        if (dropped > 0)
        {
            notes.Add((RepairKinds.InvalidSignature, $"{dropped} thinking block(s) without a usable signature removed"));
        }

        if (resigned > 0 || strays > 0)
        {
            notes.Add((RepairKinds.InvalidSignature, $"{resigned} thinking block(s) given the signature the upstream issued for their text, {strays} foreign signature(s) removed"));
        }

        if (joined > 0)
        {
            notes.Add((RepairKinds.ThinkingJoined, $"{joined} thinking block(s) sent as several parts joined into one part each"));
        }

        return rebuilt.SequenceEqual(parts) ? parts : rebuilt;
    }

    private static bool Refused(string signature, ThinkingMemory? memory, IReadOnlySet<string>? refused) =>
        (refused?.Contains(signature) ?? false) || (memory?.IsRejected(signature) ?? false);
}
