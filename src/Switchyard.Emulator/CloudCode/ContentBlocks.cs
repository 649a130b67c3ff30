using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// Request-scoped 429s (upstream-2026 §8.3): a prompt that names another product's identity is refused with the bare
/// <c>429 RESOURCE_EXHAUSTED "Resource has been exhausted (e.g. check quota)."</c> and no details, whatever the account,
/// optionally after a wait. The same account answers any other request at once. Nothing is charged.
/// </summary>
internal static class ContentBlocks
{
    public static EmulatorReply? Check(CloudCodeCall call)
    {
        var blocks = call.Config.ContentBlocks;
        if (blocks.Patterns.Count == 0)
        {
            return null;
        }

        var haystack = blocks.Scope == "anywhere" ? string.Join('\n', Strings(call.Body["request"])) : SystemText(call.Body);
        if (haystack.Length == 0 || !blocks.Patterns.Any(p => p.Length > 0 && haystack.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        call.Entry.Outcome = "content-block";
        var reply = Limits.GenericExhausted();
        return blocks.DelayMs > 0 ? new DelayedReply(reply, TimeSpan.FromMilliseconds(blocks.DelayMs), call.State.Wall) : reply;
    }

    /// <summary>Every string value under <paramref name="node"/>, depth first.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    /// <summary>The text parts of <c>request.systemInstruction</c> (either spelling), joined.</summary>
    private static string SystemText(JsonObject body)
    {
        if (body["request"] is not JsonObject request
            || (request["systemInstruction"] ?? request["system_instruction"]) is not JsonObject instruction
            || instruction["parts"] is not JsonArray parts)
        {
            return "";
        }

        return string.Join('\n', parts.OfType<JsonObject>()
            .Select(p => p["text"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .OfType<string>());
    }
}
