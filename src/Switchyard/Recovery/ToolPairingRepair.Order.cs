using Switchyard.RequestLog;
using Switchyard.Upstream.Wire;

namespace Switchyard.Recovery;

internal static partial class ToolPairingRepair
{
    /// <summary>
    /// A user turn that answers tool calls starts with its results: text, images or anything else that came before a
    /// result moves after the results (each group in its own order). Nothing is removed.
    /// </summary>
    public static List<Content> ResultsFirst(List<Content> contents, List<RepairRecord> repairs)
    {
        List<Content>? output = null;
        for (var i = 1; i < contents.Count; i++)
        {
            var content = contents[i];
            if (!ConversationView.IsUser(content) || !ConversationView.IsModel(contents[i - 1]))
            {
                continue;
            }

            var parts = content.Parts;
            var lastResult = parts.FindLastIndex(p => p.FunctionResponse is not null);
            var firstOther = parts.FindIndex(p => p.FunctionResponse is null);
            if (lastResult < 0 || firstOther < 0 || firstOther > lastResult)
            {
                continue;
            }

            output ??= [.. contents];
            output[i] = content with
            {
                Parts = [.. parts.Where(p => p.FunctionResponse is not null), .. parts.Where(p => p.FunctionResponse is null)],
            };
            repairs.Add(new RepairRecord(RepairKinds.ToolResultsFirst, $"contents[{i}]: tool results moved before the other parts of the turn"));
        }

        return output ?? contents;
    }

    /// <summary>
    /// Contents that end in a model turn (an assistant prefill, which Claude models refuse) end in a user turn
    /// instead: calls in that turn get an interrupted result; a turn without calls is removed, and the record says so.
    /// </summary>
    public static List<Content> EndWithUser(List<Content> contents, RecoveryOptions options, List<RepairRecord> repairs)
    {
        if (contents.Count == 0 || !ConversationView.IsModel(contents[^1]))
        {
            return contents;
        }

        var last = contents[^1];
        var calls = Calls(last);
        List<Content> output = [.. contents];
        if (calls.Count > 0)
        {
            output.Add(new Content { Role = "user", Parts = calls.Select(c => new Part { FunctionResponse = Interrupted(c, options) }).ToList() });
            repairs.Add(new RepairRecord(
                RepairKinds.MissingToolResult,
                $"contents[{contents.Count - 1}]: the conversation ended in {calls.Count} tool call(s) ({string.Join(", ", calls.Select(c => c.Id ?? c.Name))}); answered as interrupted"));
            return output;
        }

        output.RemoveAt(output.Count - 1);
        repairs.Add(new RepairRecord(
            RepairKinds.AssistantPrefill,
            $"contents[{contents.Count - 1}]: the final assistant message (a prefill, {last.Parts.Count} part(s)) removed: the model does not accept prefill"));
        return EndWithUser(output, options, repairs);
    }
}
