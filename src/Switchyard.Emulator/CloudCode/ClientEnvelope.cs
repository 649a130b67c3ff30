using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// The values of the 2026 envelope fields (upstream-2026 §8.1), each behind an <c>envelope2026</c> toggle:
/// <c>requestType</c> one of agent / image_gen / web_search, image models with <c>image_gen</c> (and only they),
/// <c>web_search</c> only for the catalogue's <c>webSearchModelIds</c>, and <c>userAgent</c> antigravity or jetski.
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

        if (rules.ImageModelsNeedImageGen && model.Image != (requestType == "image_gen"))
        {
            return Reject(call, "request-type", model.Image
                ? $"Model {model.Id} only serves requestType image_gen."
                : $"requestType image_gen is not supported for model {model.Id}.");
        }

        if (rules.WebSearchModelsOnly && requestType == "web_search" && !ModelCatalog.WebSearchModelIds.Contains(model.Id, StringComparer.Ordinal))
        {
            return Reject(call, "request-type", $"Web search is not supported for model {model.Id}.");
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
