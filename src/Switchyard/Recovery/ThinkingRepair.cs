using Switchyard.RequestLog;
using Switchyard.Upstream.Wire;

namespace Switchyard.Recovery;

/// <summary>
/// Thinking and signatures, as the upstream checks them. For Claude a thinking block is a run of
/// <c>thought</c> parts ending at the first signed one (or signed by an empty text part right after it); its
/// signature must be real, and with thinking on the final assistant turn of an open tool loop must start with
/// one. For Gemini 3 the first function call of each turn in the open loop must carry a signature. Each pass
/// returns its input when there is nothing to fix and never changes what it was given.
/// </summary>
internal static class ThinkingRepair
{
    /// <summary>
    /// Claude: thinking blocks whose signature cannot be valid (missing, the sentinel, too short) are removed;
    /// kept blocks lose fields the upstream refuses on a thinking block; a signature on anything that is not a
    /// thinking block (another family's, e.g. Gemini's function-call signatures) is removed.
    /// </summary>
    public static List<Content> FixClaudeBlocks(List<Content> contents, List<RepairRecord> repairs)
    {
        List<Content>? output = null;
        for (var i = 0; i < contents.Count; i++)
        {
            var content = contents[i];
            var dropped = 0;
            var cleaned = 0;
            var parts = ConversationView.IsModel(content) ? FixClaudeParts(content.Parts, out dropped, out cleaned) : null;
            if (parts is null)
            {
                output?.Add(content);
                continue;
            }

            output ??= contents.GetRange(0, i);
            if (parts.Count > 0)
            {
                output.Add(content with { Parts = parts });
            }

            repairs.Add(new RepairRecord(
                RepairKinds.InvalidSignature,
                $"contents[{i}]: {dropped} thinking block(s) without a usable signature removed, {cleaned} part(s) cleaned of foreign signatures or fields"));
        }

        return output is null ? contents : ToolPairingRepair.MergeSameRole(output);
    }

    /// <summary>
    /// Claude with thinking on: the final assistant turn of the open tool loop must start with thinking. A turn
    /// that has a thinking block elsewhere gets it moved to the front; a turn without one cannot be fixed by the
    /// gateway, so thinking is turned off for this request (thinkingConfig and every thought part removed). With
    /// thinking off, a final assistant message (a prefill) loses its thinking.
    /// </summary>
    public static UpstreamRequest FixClaudeOrder(UpstreamRequest request, List<RepairRecord> repairs)
    {
        var contents = request.Contents;
        if (!ConversationView.ThinkingEnabled(request))
        {
            if (contents.Count > 0 && ConversationView.IsModel(contents[^1]) && contents[^1].Parts.Exists(IsThinkingPart))
            {
                var parts = contents[^1].Parts.Where(p => !IsThinkingPart(p)).ToList();
                List<Content> fixedContents = [.. contents];
                fixedContents[^1] = contents[^1] with { Parts = parts };
                if (parts.Count == 0)
                {
                    fixedContents.RemoveAt(fixedContents.Count - 1);
                }

                repairs.Add(new RepairRecord(RepairKinds.ThinkingStripped, $"contents[{contents.Count - 1}]: thinking removed from the final assistant message (thinking is off)"));
                return request with { Contents = fixedContents };
            }

            return request;
        }

        var final = ConversationView.FinalModelTurn(contents);
        if (final < 0 || contents[final].Parts.Count == 0 || ConversationView.IsThought(contents[final].Parts[0]))
        {
            return request;
        }

        var turn = contents[final].Parts;
        var start = turn.FindIndex(ConversationView.IsThought);
        if (start > 0)
        {
            var end = RunEnd(turn, start);
            List<Part> reordered = [.. turn.GetRange(start, end - start), .. turn.GetRange(0, start), .. turn.GetRange(end, turn.Count - end)];
            List<Content> moved = [.. contents];
            moved[final] = contents[final] with { Parts = reordered };
            repairs.Add(new RepairRecord(RepairKinds.ThinkingOrder, $"contents[{final}]: thinking block moved to the front of the final assistant turn"));
            return request with { Contents = moved };
        }

        repairs.Add(new RepairRecord(RepairKinds.ThinkingOrder, $"contents[{final}]: the final assistant turn has no thinking block; thinking turned off for this request"));
        return ThinkingOff(request);
    }

    /// <summary>
    /// Every thought part and every signature removed (the fallback for signature errors); thinking is turned off
    /// when the open tool loop's final assistant turn could then no longer start with thinking.
    /// </summary>
    public static UpstreamRequest StripAll(UpstreamRequest request, List<RepairRecord> repairs)
    {
        var stripped = Strip(request.Contents, out var removed);
        var result = removed == 0 ? request : request with { Contents = stripped };
        var off = ConversationView.ThinkingEnabled(result) && ConversationView.FinalModelTurn(result.Contents) >= 0;
        if (removed == 0 && !off)
        {
            return request;
        }

        repairs.Add(new RepairRecord(
            RepairKinds.ThinkingStripped,
            $"{removed} thinking part(s) or signature(s) removed from the history" + (off ? "; thinking turned off for this request" : "")));
        return off ? ThinkingOff(result) : result;
    }

    /// <summary>thinkingConfig removed and every thought part and signature with it.</summary>
    public static UpstreamRequest ThinkingOff(UpstreamRequest request)
    {
        var contents = Strip(request.Contents, out _);
        var generation = request.GenerationConfig is { } config ? config with { ThinkingConfig = null } : null;
        return request with { Contents = contents, GenerationConfig = generation };
    }

    /// <summary>
    /// Gemini 3: the first function call of each model turn in the open tool loop (or of every model turn, with
    /// <paramref name="everyTurn"/>) must carry a signature; a missing one becomes the sentinel the upstream accepts.
    /// With <paramref name="replaceAll"/> every call signature is replaced (the upstream called one corrupted).
    /// </summary>
    public static List<Content> FixGeminiCalls(List<Content> contents, bool everyTurn, bool replaceAll, List<RepairRecord> repairs)
    {
        List<Content>? output = null;
        var fixedTurns = 0;
        var floor = everyTurn ? -1 : ConversationView.LastUserText(contents);
        for (var i = floor + 1; i < contents.Count; i++)
        {
            var content = contents[i];
            if (!ConversationView.IsModel(content))
            {
                continue;
            }

            var first = content.Parts.FindIndex(p => p.FunctionCall is not null);
            var needs = first >= 0 && (replaceAll
                ? content.Parts.Exists(p => p.ThoughtSignature is not null && p.ThoughtSignature != ConversationView.SkipSignatureSentinel)
                : string.IsNullOrEmpty(content.Parts[first].ThoughtSignature));
            if (!needs)
            {
                continue;
            }

            var parts = new List<Part>(content.Parts.Count);
            for (var j = 0; j < content.Parts.Count; j++)
            {
                var part = content.Parts[j];
                if (j == first)
                {
                    parts.Add(part with { ThoughtSignature = ConversationView.SkipSignatureSentinel });
                }
                else if (replaceAll && part.ThoughtSignature is not null)
                {
                    if (!ConversationView.IsThought(part) && !ConversationView.IsTrailingSignature(part))
                    {
                        parts.Add(part with { ThoughtSignature = null });
                    }
                }
                else
                {
                    parts.Add(part);
                }
            }

            output ??= [.. contents];
            output[i] = content with { Parts = parts };
            fixedTurns++;
        }

        if (output is null)
        {
            return contents;
        }

        repairs.Add(new RepairRecord(
            RepairKinds.InvalidSignature,
            replaceAll
                ? $"{fixedTurns} model turn(s): function-call signatures replaced with the skip sentinel"
                : $"{fixedTurns} model turn(s): missing function-call signature replaced with the skip sentinel"));
        return output;
    }

    /// <summary>A thought part, or an empty text part that only carries a signature.</summary>
    public static bool IsThinkingPart(Part part) => ConversationView.IsThought(part) || ConversationView.IsTrailingSignature(part);

    /// <summary>The end (exclusive) of the thinking run starting at <paramref name="start"/>, its trailing signature part included.</summary>
    private static int RunEnd(List<Part> parts, int start)
    {
        var j = start;
        while (j < parts.Count && ConversationView.IsThought(parts[j]))
        {
            var signed = !string.IsNullOrEmpty(parts[j].ThoughtSignature);
            j++;
            if (signed)
            {
                return j;
            }
        }

        return j < parts.Count && ConversationView.IsTrailingSignature(parts[j]) ? j + 1 : j;
    }

    /// <summary>The parts with unusable blocks removed and stray signatures cleaned, or null when nothing changes.</summary>
    private static List<Part>? FixClaudeParts(List<Part> parts, out int dropped, out int cleaned)
    {
        dropped = 0;
        cleaned = 0;
        List<Part>? output = null;
        var j = 0;
        while (j < parts.Count)
        {
            var part = parts[j];
            if (ConversationView.IsThought(part))
            {
                var end = RunEnd(parts, j);
                var signature = parts[end - 1].ThoughtSignature;
                if (!ConversationView.LooksReal(signature))
                {
                    output ??= parts.GetRange(0, j);
                    dropped++;
                }
                else
                {
                    for (var k = j; k < end; k++)
                    {
                        var clean = CleanThought(parts[k]);
                        if (!ReferenceEquals(clean, parts[k]))
                        {
                            output ??= parts.GetRange(0, k);
                            cleaned++;
                        }

                        output?.Add(clean);
                    }
                }

                j = end;
                continue;
            }

            if (part.ThoughtSignature is not null)
            {
                // Not a thinking block: a signature here was made for another model family.
                output ??= parts.GetRange(0, j);
                cleaned++;
                if (!(part.Text == "" && part.FunctionCall is null && part.FunctionResponse is null && part.InlineData is null && part.FileData is null))
                {
                    output.Add(part with { ThoughtSignature = null });
                }
            }
            else
            {
                output?.Add(part);
            }

            j++;
        }

        return output;
    }

    /// <summary>A thought part reduced to what a thinking block may carry (thought, text, signature).</summary>
    private static Part CleanThought(Part part)
    {
        var extra = part.Extra is { Count: > 0 } || part.FunctionCall is not null || part.FunctionResponse is not null
            || part.InlineData is not null || part.FileData is not null || part.ExecutableCode is not null || part.CodeExecutionResult is not null;
        if (!extra && part.Text is not null)
        {
            return part;
        }

        return new Part { Thought = part.Thought, Text = part.Text ?? "", ThoughtSignature = part.ThoughtSignature };
    }

    private static List<Content> Strip(List<Content> contents, out int removed)
    {
        removed = 0;
        var output = new List<Content>(contents.Count);
        foreach (var content in contents)
        {
            var parts = new List<Part>(content.Parts.Count);
            foreach (var part in content.Parts)
            {
                if (IsThinkingPart(part))
                {
                    removed++;
                }
                else if (part.ThoughtSignature is not null)
                {
                    removed++;
                    parts.Add(part with { ThoughtSignature = null });
                }
                else
                {
                    parts.Add(part);
                }
            }

            if (parts.Count > 0)
            {
                output.Add(parts.Count == content.Parts.Count && removed == 0 ? content : content with { Parts = parts });
            }
        }

        return removed == 0 ? contents : ToolPairingRepair.MergeSameRole(output);
    }
}
