using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// HTTP 200 answers whose "completion" is a notice from the service: the version floor (2026 §4.1) and retired
/// models (§6.3). The shape is the captured one, stream or not: one candidate whose content has a single text part,
/// with no <c>role</c>, no <c>finishReason</c> and no <c>usageMetadata</c>.
/// </summary>
internal static class Notices
{
    public static EmulatorReply Completion(CloudCodeCall call, string text)
    {
        var body = Body(text);
        return call.Streaming
            ? new StreamReply([body], StreamSettings.From(call.Config.Sse, StreamShaping.None), call.State.Wall)
            : new JsonReply(200, body);
    }

    /// <summary><c>{"response":{"candidates":[{"content":{"parts":[{"text":…}]}}]}}</c>.</summary>
    public static JsonObject Body(string text) => new()
    {
        ["response"] = new JsonObject
        {
            ["candidates"] = new JsonArray
            {
                (JsonNode)new JsonObject
                {
                    ["content"] = new JsonObject { ["parts"] = new JsonArray { (JsonNode)new JsonObject { ["text"] = text } } },
                },
            },
        },
    };
}
