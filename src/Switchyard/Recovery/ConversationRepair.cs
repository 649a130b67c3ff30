using Switchyard.Protocols.Shared;
using Switchyard.RequestLog;
using Switchyard.Upstream.Wire;

namespace Switchyard.Recovery;

/// <summary>
/// Keeps agent sessions alive across what the upstream rejects (issue 6). <see cref="BeforeSend"/> fixes what is
/// certain to be refused; <see cref="AfterRejection"/> reads a 400 and repairs what it names, for one retry.
/// Both are pure: they never change the envelope they are given, return it unchanged (the same instance) when
/// there is nothing to do, and add one <see cref="RepairRecord"/> per change (kind and location, no prompt text).
/// </summary>
internal static class ConversationRepair
{
    /// <summary>
    /// Before a send: tool results paired with their calls (orphan results become text, calls without results get
    /// an "interrupted" result). For Claude: results first in the user turn that answers calls; with thinking on (asked
    /// for, or a <c>-thinking</c> model, <paramref name="thinkingById"/>), the history's thinking made acceptable to
    /// either reading of the thinking rules (<see cref="ClaudeThinking.Prepare"/>: blocks joined, remembered ones put
    /// back, unusable ones removed, tool-call turns without thinking closed as text); with thinking off, blocks whose
    /// signature cannot be valid removed; and never a final assistant turn (prefill). For Gemini models that want
    /// signed calls (Gemini 3; a strict upstream wants them from Gemini 2.5 thinking models too), the open loop's
    /// function calls signed (the skip sentinel, which the upstream accepts, where the signature is missing).
    /// </summary>
    /// <param name="signedCalls">Whether the model wants a signature on its function calls; null guesses Gemini 3 from the model id.</param>
    /// <param name="memory">Signed thinking remembered from earlier responses (null: none).</param>
    /// <param name="thinkingById">The model thinks whatever thinkingConfig says (a Claude <c>-thinking</c> id).</param>
    public static UpstreamEnvelope BeforeSend(
        UpstreamEnvelope envelope, bool claudeModel, RecoveryOptions options, List<RepairRecord> repairs, bool? signedCalls = null,
        ThinkingMemory? memory = null, bool thinkingById = false)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(repairs);
        var request = envelope.Request;
        var contents = request.Contents;
        contents = ToolPairingRepair.FixOrphans(contents, options, repairs);
        contents = ToolPairingRepair.FixMissingResults(contents, options, repairs);
        if (claudeModel)
        {
            // Ending in a user turn first, so calls in a final turn are answered (and can be closed with their results).
            contents = ToolPairingRepair.EndWithUser(contents, options, repairs);
            contents = ToolPairingRepair.ResultsFirst(contents, repairs);
            contents = thinkingById || ConversationView.ThinkingEnabled(request)
                ? ClaudeThinking.Prepare(contents, memory, null, repairs)
                : ThinkingRepair.FixClaudeBlocks(contents, repairs);

            // A turn that was only unusable thinking is gone, which may leave a model turn last.
            contents = ToolPairingRepair.EndWithUser(contents, options, repairs);
        }
        else if (signedCalls ?? ConversationView.IsGemini3(envelope.Model))
        {
            contents = ThinkingRepair.FixGeminiCalls(contents, everyTurn: false, replaceAll: false, repairs);
        }

        return ReferenceEquals(contents, request.Contents) ? envelope : envelope with { Request = request with { Contents = contents } };
    }

    /// <summary>
    /// After an upstream rejection: the envelope repaired for what the 400 names, or null when repair cannot help
    /// (not a 400, a prompt over the context window, a schema or budget error, or nothing left to change). Signature
    /// errors refuse the signatures in doubt (in <paramref name="memory"/> too, so they are not sent again) and close
    /// the tool-call turns left without thinking; a thinking-order error puts remembered thinking back or closes the
    /// turn it names. Claude contents never end in an assistant turn.
    /// </summary>
    public static UpstreamEnvelope? AfterRejection(
        UpstreamEnvelope envelope, int status, string? upstreamErrorBody, bool claudeModel, RecoveryOptions options, List<RepairRecord> repairs,
        ThinkingMemory? memory = null, bool thinkingById = false)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(repairs);
        if (status != 400)
        {
            return null;
        }

        var rejection = UpstreamRejection.Read(status, upstreamErrorBody);
        var request = envelope.Request;
        var thinkingOn = claudeModel && (thinkingById || ConversationView.ThinkingEnabled(request));
        var found = new List<RepairRecord>();
        var repaired = rejection.Kind switch
        {
            RejectionKind.ToolResultMissing => WithContents(request, MissingResults(request.Contents, rejection, options, found)),
            RejectionKind.UnexpectedToolResult => WithContents(request, Repaired(Orphans(request.Contents, rejection, options, found), request.Contents, options, found)),
            RejectionKind.ThinkingOrder when thinkingOn => ThinkingOrder(request, rejection, memory, thinkingById, found),
            RejectionKind.ThinkingOrder => ThinkingRepair.FixClaudeOrder(request, found),
            RejectionKind.InvalidThinking when thinkingOn => WithContents(request, RefuseSignatures(request.Contents, rejection, memory, found)),
            RejectionKind.InvalidThinking => ThinkingRepair.StripAll(request, found),
            RejectionKind.ThinkingDisabled => StripWhenOff(request, found),
            RejectionKind.AssistantPrefill => WithContents(request, ToolPairingRepair.EndWithUser(request.Contents, options, found)),
            RejectionKind.GeminiSignatureMissing => WithContents(request, ThinkingRepair.FixGeminiCalls(request.Contents, everyTurn: true, replaceAll: false, found)),
            RejectionKind.CorruptedSignature => WithContents(request, ThinkingRepair.FixGeminiCalls(request.Contents, everyTurn: true, replaceAll: true, found)),
            _ => request,
        };

        if (claudeModel && !ReferenceEquals(repaired, request))
        {
            repaired = WithContents(repaired, ToolPairingRepair.EndWithUser(repaired.Contents, options, found));
        }

        if (ReferenceEquals(repaired, request))
        {
            return null;
        }

        repairs.AddRange(found.Select(r => r with { Detail = "after upstream 400: " + r.Detail }));
        return envelope with { Request = repaired };
    }

    private static UpstreamRequest WithContents(UpstreamRequest request, List<Content> contents) =>
        ReferenceEquals(contents, request.Contents) ? request : request with { Contents = contents };

    /// <summary>
    /// The pairing pass first, then results moved first in their turn; when the upstream still pairs differently, the
    /// named calls and their results are closed as text (never deleted).
    /// </summary>
    private static List<Content> MissingResults(List<Content> contents, UpstreamRejection rejection, RecoveryOptions options, List<RepairRecord> found)
    {
        var paired = ToolPairingRepair.FixMissingResults(contents, options, found);
        if (!ReferenceEquals(paired, contents))
        {
            return paired;
        }

        var ordered = ToolPairingRepair.ResultsFirst(contents, found);
        if (!ReferenceEquals(ordered, contents))
        {
            return ordered;
        }

        var ids = rejection.Ids;
        var turns = Enumerable.Range(0, contents.Count)
            .Where(i => ConversationView.IsModel(contents[i])
                && contents[i].Parts.Exists(p => p.FunctionCall is { } c && (ids.Count == 0 ? i == rejection.Index : ids.Contains(c.Id ?? c.Name))))
            .ToList();
        return ToolCallText.Close(contents, turns, ids.Count == 0 ? null : ids, "the upstream found no result right after them", found);
    }

    /// <summary>After a result became text, the call it answered (if it is there) gets an interrupted result.</summary>
    private static List<Content> Repaired(List<Content> contents, List<Content> original, RecoveryOptions options, List<RepairRecord> found) =>
        ReferenceEquals(contents, original) ? contents : ToolPairingRepair.FixMissingResults(contents, options, found);

    /// <summary>The orphan pass first; when the upstream pairs differently from it, the named result becomes text.</summary>
    private static List<Content> Orphans(List<Content> contents, UpstreamRejection rejection, RecoveryOptions options, List<RepairRecord> found)
    {
        var paired = ToolPairingRepair.FixOrphans(contents, options, found);
        if (!ReferenceEquals(paired, contents) || rejection.Ids.Count == 0)
        {
            return paired;
        }

        // Treat every result carrying the named id as an orphan: pair it against an empty call list.
        var id = rejection.Ids[0];
        List<Content> output = [.. contents];
        var changed = false;
        for (var i = 0; i < output.Count; i++)
        {
            if (ConversationView.IsModel(output[i]) || !output[i].Parts.Exists(p => p.FunctionResponse?.Id == id))
            {
                continue;
            }

            var isolated = new List<Content> { output[i] };
            var fixedOne = ToolPairingRepair.FixOrphans(isolated, options, []);
            var parts = output[i].Parts.Select((p, j) => p.FunctionResponse?.Id == id ? fixedOne[0].Parts[j] : p).ToList();
            output[i] = output[i] with { Parts = parts };
            changed = true;
        }

        if (!changed)
        {
            return contents;
        }

        found.Add(new RepairRecord(RepairKinds.OrphanToolResult, $"tool result {id} sent as text"));
        return output;
    }

    /// <summary>
    /// Thinking on: remembered thinking put back where it is missing; when the history already starts every tool-call
    /// turn with thinking (the upstream reads it otherwise), the turn it names is closed as text. Thinking off is the
    /// last option, only when the model does not think by its id and the error is about the final turn.
    /// </summary>
    private static UpstreamRequest ThinkingOrder(UpstreamRequest request, UpstreamRejection rejection, ThinkingMemory? memory, bool thinkingById, List<RepairRecord> found)
    {
        var contents = ClaudeThinking.Prepare(request.Contents, memory, null, found);
        if (!ReferenceEquals(contents, request.Contents))
        {
            return request with { Contents = contents };
        }

        var final = ConversationView.FinalModelTurn(contents);
        var named = rejection.Index is { } i && i >= 0 && i < contents.Count && ConversationView.IsModel(contents[i]) ? i : final;
        if (named >= 0 && contents[named].Parts.Exists(p => p.FunctionCall is not null))
        {
            return WithContents(request, ToolCallText.Close(contents, [named], null, "the upstream wants thinking first in it", found));
        }

        if (thinkingById || named != final || final < 0)
        {
            return request;
        }

        found.Add(new RepairRecord(RepairKinds.ThinkingOrder, "thinking turned off for this request"));
        return ThinkingRepair.ThinkingOff(request);
    }

    /// <summary>
    /// A thinking signature was refused. The one named, and every other one the gateway does not know to be valid, is
    /// refused from now on; when the named one was known valid, the upstream's keys changed and every signature in the
    /// history is. Then the history is prepared again without them.
    /// </summary>
    private static List<Content> RefuseSignatures(List<Content> contents, UpstreamRejection rejection, ThinkingMemory? memory, List<RepairRecord> found)
    {
        var blocks = new List<ThinkingBlock>();
        ThinkingBlock? named = null;
        for (var i = 0; i < contents.Count; i++)
        {
            if (!ConversationView.IsModel(contents[i]))
            {
                continue;
            }

            var turn = ThinkingBlocks.Read(contents[i].Parts);
            blocks.AddRange(turn.Where(b => b.Signature is not null));
            if (i == rejection.Index)
            {
                named = turn.Find(b => b.Signature is not null && rejection.Block is { } m && b.Start <= m && m < b.End)
                    ?? turn.Find(b => b.Signature is not null);
            }
        }

        var keysChanged = named is not null && memory?.IsKnownValid(named.Text, named.Signature) == true;
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            if (keysChanged || block == named || memory?.IsKnownValid(block.Text, block.Signature) != true)
            {
                refused.Add(block.Signature!);
            }
        }

        foreach (var signature in refused)
        {
            memory?.Reject(signature);
        }

        if (refused.Count > 0)
        {
            found.Add(new RepairRecord(RepairKinds.ThinkingStripped,
                $"{refused.Count} thinking signature(s) in doubt removed from the history" + (keysChanged ? " (a signature the upstream gave was refused: its keys changed)" : "")));
        }

        return ClaudeThinking.Prepare(contents, memory, refused, found);
    }

    private static UpstreamRequest StripWhenOff(UpstreamRequest request, List<RepairRecord> found)
    {
        var fixedRequest = ThinkingRepair.FixClaudeOrder(request, found);
        return ReferenceEquals(fixedRequest, request) ? ThinkingRepair.StripAll(request, found) : fixedRequest;
    }
}
