using System.Text.Json.Nodes;
using Switchyard.RequestLog;
using Switchyard.Upstream.Wire;

namespace Switchyard.Recovery;

/// <summary>
/// Tool calls and results, paired as the upstream pairs them: every functionCall of a model turn is answered in
/// the next (user) content, every functionResponse answers a call of the model turn just before it (by id when
/// both sides have one, else by name). Each pass returns its input list when there is nothing to fix, and never
/// changes the contents it was given.
/// </summary>
internal static partial class ToolPairingRepair
{
    /// <summary>Results without a call become text parts (heading, tool name, the result's JSON).</summary>
    public static List<Content> FixOrphans(List<Content> contents, RecoveryOptions options, List<RepairRecord> repairs)
    {
        List<Content>? fixedContents = null;
        for (var i = 0; i < contents.Count; i++)
        {
            var content = contents[i];
            if (ConversationView.IsModel(content) || !content.Parts.Exists(p => p.FunctionResponse is not null))
            {
                continue;
            }

            var calls = Calls(i > 0 && ConversationView.IsModel(contents[i - 1]) ? contents[i - 1] : null);
            List<Part>? parts = null;
            var orphans = new List<string>();
            for (var j = 0; j < content.Parts.Count; j++)
            {
                var part = content.Parts[j];
                if (part.FunctionResponse is not { } response || calls.Exists(c => ConversationView.Matches(c, response)))
                {
                    parts?.Add(part);
                    continue;
                }

                parts ??= content.Parts.GetRange(0, j);
                parts.Add(new Part { Text = OrphanText(response, options) });
                orphans.Add(response.Id ?? response.Name);
            }

            if (parts is null)
            {
                continue;
            }

            fixedContents ??= [.. contents];
            fixedContents[i] = content with { Parts = parts };
            repairs.Add(new RepairRecord(
                RepairKinds.OrphanToolResult,
                $"contents[{i}]: {orphans.Count} tool result(s) without a call ({string.Join(", ", orphans)}) sent as text"));
        }

        return fixedContents ?? contents;
    }

    /// <summary>
    /// Calls without a result get a synthetic result saying the run was interrupted, in the user content right
    /// after the call (a new one when the next content is not a user turn). A model turn that ends the
    /// conversation is left alone (its calls are the client's prefill).
    /// </summary>
    public static List<Content> FixMissingResults(List<Content> contents, RecoveryOptions options, List<RepairRecord> repairs)
    {
        List<Content>? output = null;
        for (var i = 0; i < contents.Count; i++)
        {
            var content = contents[i];
            if (!ConversationView.IsModel(content) || i + 1 >= contents.Count || !content.Parts.Exists(p => p.FunctionCall is not null))
            {
                output?.Add(content);
                continue;
            }

            var callTurn = i;
            var calls = Calls(content);
            if (calls.Count == 0)
            {
                output?.Add(content);
                continue;
            }

            var next = contents[i + 1];
            var responses = ConversationView.IsUser(next)
                ? next.Parts.Select(p => p.FunctionResponse).OfType<FunctionResponse>().ToList()
                : [];
            var missing = calls.Where(c => !responses.Exists(r => ConversationView.Matches(c, r))).ToList();
            if (missing.Count == 0)
            {
                output?.Add(content);
                continue;
            }

            output ??= contents.GetRange(0, i);
            output.Add(content);
            var synthetic = missing.Select(c => new Part { FunctionResponse = Interrupted(c, options) }).ToList();
            if (ConversationView.IsUser(next))
            {
                // Results first (in their order), then the synthetic ones, then whatever else the user turn said.
                var parts = next.Parts.Where(p => p.FunctionResponse is not null)
                    .Concat(synthetic)
                    .Concat(next.Parts.Where(p => p.FunctionResponse is null))
                    .ToList();
                output.Add(next with { Parts = parts });
                i++;
            }
            else
            {
                output.Add(new Content { Role = "user", Parts = synthetic });
            }

            repairs.Add(new RepairRecord(
                RepairKinds.MissingToolResult,
                $"contents[{callTurn}]: {missing.Count} tool call(s) without a result ({string.Join(", ", missing.Select(c => c.Id ?? c.Name))}) answered as interrupted"));
        }

        return output ?? contents;
    }

    /// <summary>Adjacent contents of one role merged into one (removing a content can leave two in a row).</summary>
    public static List<Content> MergeSameRole(List<Content> contents)
    {
        var merged = new List<Content>(contents.Count);
        foreach (var content in contents)
        {
            if (merged.Count > 0 && merged[^1].Role == content.Role)
            {
                merged[^1] = merged[^1] with { Parts = [.. merged[^1].Parts, .. content.Parts] };
            }
            else
            {
                merged.Add(content);
            }
        }

        return merged;
    }

    private static List<FunctionCall> Calls(Content? content) =>
        content is null ? [] : content.Parts.Select(p => p.FunctionCall).OfType<FunctionCall>().ToList();

    private static FunctionResponse Interrupted(FunctionCall call, RecoveryOptions options) => new()
    {
        Name = call.Name,
        Id = call.Id,
        Response = new JsonObject { ["error"] = options.InterruptedToolResultText },
    };

    private static string OrphanText(FunctionResponse response, RecoveryOptions options)
    {
        var body = response.Response?.ToJsonString() ?? "{}";
        return $"{options.OrphanToolResultText} {response.Name}\n{body}";
    }
}
