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
    /// an "interrupted" result); for Claude, thinking blocks whose signature cannot be valid removed, foreign
    /// signatures removed, and thinking first in the final assistant turn (or thinking off for the request); for
    /// Gemini 3, the open loop's function calls signed (the skip sentinel where the signature is missing).
    /// </summary>
    /// <param name="gemini3">Whether the model is a Gemini 3 one; null guesses from the model id.</param>
    public static UpstreamEnvelope BeforeSend(UpstreamEnvelope envelope, bool claudeModel, RecoveryOptions options, List<RepairRecord> repairs, bool? gemini3 = null)
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
            contents = ThinkingRepair.FixClaudeBlocks(contents, repairs);
        }
        else if (gemini3 ?? ConversationView.IsGemini3(envelope.Model))
        {
            contents = ThinkingRepair.FixGeminiCalls(contents, everyTurn: false, replaceAll: false, repairs);
        }

        var repaired = ReferenceEquals(contents, request.Contents) ? request : request with { Contents = contents };
        if (claudeModel)
        {
            repaired = ThinkingRepair.FixClaudeOrder(repaired, repairs);
        }

        return ReferenceEquals(repaired, request) ? envelope : envelope with { Request = repaired };
    }

    /// <summary>
    /// After an upstream rejection: the envelope repaired for what the 400 names, or null when repair cannot help
    /// (not a 400, a prompt over the context window, a schema or budget error, or nothing left to change).
    /// Signature errors fall back to removing all history thinking.
    /// </summary>
    public static UpstreamEnvelope? AfterRejection(UpstreamEnvelope envelope, int status, string? upstreamErrorBody, bool claudeModel, RecoveryOptions options, List<RepairRecord> repairs)
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
        var found = new List<RepairRecord>();
        var repaired = rejection.Kind switch
        {
            RejectionKind.ToolResultMissing => WithContents(request, MissingResults(request.Contents, rejection, options, found)),
            RejectionKind.UnexpectedToolResult => WithContents(request, Repaired(Orphans(request.Contents, rejection, options, found), request.Contents, options, found)),
            RejectionKind.ThinkingOrder => ThinkingOrder(request, found),
            RejectionKind.InvalidThinking => ThinkingRepair.StripAll(request, found),
            RejectionKind.ThinkingDisabled => StripWhenOff(request, found),
            RejectionKind.GeminiSignatureMissing => WithContents(request, ThinkingRepair.FixGeminiCalls(request.Contents, everyTurn: true, replaceAll: false, found)),
            RejectionKind.CorruptedSignature => WithContents(request, ThinkingRepair.FixGeminiCalls(request.Contents, everyTurn: true, replaceAll: true, found)),
            _ => request,
        };

        if (ReferenceEquals(repaired, request))
        {
            return null;
        }

        repairs.AddRange(found.Select(r => r with { Detail = "after upstream 400: " + r.Detail }));
        return envelope with { Request = repaired };
    }

    private static UpstreamRequest WithContents(UpstreamRequest request, List<Content> contents) =>
        ReferenceEquals(contents, request.Contents) ? request : request with { Contents = contents };

    /// <summary>The pairing pass first; when the upstream pairs differently from it, the named calls are removed.</summary>
    private static List<Content> MissingResults(List<Content> contents, UpstreamRejection rejection, RecoveryOptions options, List<RepairRecord> found)
    {
        var paired = ToolPairingRepair.FixMissingResults(contents, options, found);
        return ReferenceEquals(paired, contents) ? ToolPairingRepair.DropCalls(contents, rejection.Ids, found) : paired;
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

    /// <summary>Move thinking first if the turn has some; otherwise (or if that was already done) thinking off.</summary>
    private static UpstreamRequest ThinkingOrder(UpstreamRequest request, List<RepairRecord> found)
    {
        var moved = ThinkingRepair.FixClaudeOrder(request, found);
        if (!ReferenceEquals(moved, request) || !ConversationView.ThinkingEnabled(request))
        {
            return moved;
        }

        // The upstream sees a different final turn than we do: turn thinking off altogether.
        found.Add(new RepairRecord(RepairKinds.ThinkingOrder, "thinking turned off for this request"));
        return ThinkingRepair.ThinkingOff(request);
    }

    private static UpstreamRequest StripWhenOff(UpstreamRequest request, List<RepairRecord> found)
    {
        var fixedRequest = ThinkingRepair.FixClaudeOrder(request, found);
        return ReferenceEquals(fixedRequest, request) ? ThinkingRepair.StripAll(request, found) : fixedRequest;
    }
}
