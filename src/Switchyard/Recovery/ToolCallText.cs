using System.Text.Json.Nodes;
using Switchyard.RequestLog;
using Switchyard.Upstream.Wire;

namespace Switchyard.Recovery;

/// <summary>
/// Closes tool calls the upstream will not take as calls: a call becomes a text part in its model turn
/// (<c>[tool call NAME ARGS]</c>) and its result a text part in the next user turn (<c>[tool result NAME: RESULT]</c>),
/// each where it stood. Nothing is lost (the model still reads what was called and what came back), and no reading
/// of the thinking rules applies to a turn without calls. The repair the references make for a tool-call turn whose
/// thinking is gone, and one that also holds where thinking is wanted on every tool-call turn.
/// </summary>
internal static class ToolCallText
{
    /// <summary>
    /// The calls of the model turns at <paramref name="modelTurns"/> (those whose id or name is in
    /// <paramref name="ids"/>, or all) and their results, as text.
    /// One <see cref="RepairKinds.ToolCallAsText"/> record per turn, saying why (<paramref name="reason"/>).
    /// </summary>
    public static List<Content> Close(List<Content> contents, IEnumerable<int> modelTurns, IReadOnlyCollection<string>? ids, string reason, List<RepairRecord> repairs)
    {
        List<Content>? output = null;
        foreach (var i in modelTurns.Distinct().Order())
        {
            var turn = (output ?? contents)[i];
            if (!ConversationView.IsModel(turn))
            {
                continue;
            }

            var closing = turn.Parts.Select(p => p.FunctionCall).OfType<FunctionCall>()
                .Where(c => ids is null || ids.Contains(c.Id ?? c.Name)).ToList();
            if (closing.Count == 0)
            {
                continue;
            }

            output ??= [.. contents];
            output[i] = turn with
            {
                Parts = turn.Parts
                    .Select(p => p.FunctionCall is { } call && closing.Contains(call) ? new Part { Text = CallText(call) } : p)
                    .ToList(),
            };
            if (i + 1 < output.Count && ConversationView.IsUser(output[i + 1]))
            {
                var answers = output[i + 1];
                output[i + 1] = answers with
                {
                    Parts = answers.Parts
                        .Select(p => p.FunctionResponse is { } response && closing.Exists(c => ConversationView.Matches(c, response))
                            ? new Part { Text = ResultText(response) }
                            : p)
                        .ToList(),
                };
            }

            repairs.Add(new RepairRecord(
                RepairKinds.ToolCallAsText,
                $"contents[{i}]: {closing.Count} tool call(s) ({string.Join(", ", closing.Select(c => c.Id ?? c.Name))}) and their results sent as text: {reason}"));
        }

        return output ?? contents;
    }

    public static string CallText(FunctionCall call) => $"[tool call {call.Name} {Json(call.Args)}]";

    public static string ResultText(FunctionResponse response) => $"[tool result {response.Name}: {Json(response.Response)}]";

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "{}";
}
