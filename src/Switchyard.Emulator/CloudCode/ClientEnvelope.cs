using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// The values of the 2026 envelope fields (upstream-2026 §8.1), each behind an <c>envelope2026</c> toggle:
/// <c>requestType</c> one of agent / image_gen / web_search and <c>userAgent</c> antigravity or jetski. Which models
/// and tools each request type goes with is <see cref="Generation.ToolRules"/>'s (search and image toggles).
/// The gemini-cli identity sends neither field and is not checked. Runs after the model check.
/// </summary>
internal static class ClientEnvelope
{
    public static EmulatorReply? Check(CloudCodeCall call)
    {
        if (call.Pool != QuotaPools.Antigravity || call.Model is not { } model)
        {
            return null;
        }

        var rules = call.Config.Envelope2026;
        var requestType = Text(call.Body, "requestType", "request_type");
        if (requestType is not null && rules.RequestTypes.Count > 0 && !rules.RequestTypes.Contains(requestType, StringComparer.Ordinal))
        {
            return Reject(call, "request-type", $"Invalid value at 'request_type', \"{requestType}\": unknown request type.");
        }



        var userAgent = Text(call.Body, "userAgent", "user_agent");
        if (userAgent is not null && rules.UserAgents.Count > 0 && !rules.UserAgents.Contains(userAgent, StringComparer.Ordinal))
        {
            return Reject(call, "user-agent", $"Invalid value at 'user_agent', \"{userAgent}\": unknown client.");
        }

        return null;
    }

    private static JsonReply Reject(CloudCodeCall call, string rule, string message)
    {
        call.Entry.Outcome = rule;
        return GoogleErrors.InvalidArgument(message);
    }

    private static string? Text(JsonObject body, string camel, string snake) =>
        (body[camel] ?? body[snake]) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
