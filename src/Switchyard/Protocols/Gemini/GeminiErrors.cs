using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Protocols.Gemini;

/// <summary>
/// The Google error envelope <c>{error:{code, message, status}}</c>. Upstream errors pass through with the
/// upstream's message (Claude's double-wrapped messages unwrapped to the inner text), its status name and only
/// its RetryInfo details (what the SDKs read for back-off; ErrorInfo metadata can carry account-specific links).
/// </summary>
internal static class GeminiErrors
{
    public static GeminiError Invalid(string message) => new(400, "INVALID_ARGUMENT", message);

    public static string StatusFor(int code) => code switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        413 => "INVALID_ARGUMENT",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        >= 500 => "INTERNAL",
        _ => "FAILED_PRECONDITION",
    };

    public static GeminiError ForStatus(int code, string message) => new(code, StatusFor(code), message);

    public static GeminiError FromUpstream(int status, string? body)
    {
        var error = UpstreamErrorBody.Read(status, body);
        var code = status == 529 ? 503 : status;
        var retry = error.Details?
            .OfType<JsonObject>()
            .Where(d => d["@type"]?.GetValueKind() == JsonValueKind.String
                && d["@type"]!.GetValue<string>().EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal))
            .Select(d => (JsonNode)d.DeepClone())
            .ToArray();
        return new GeminiError(
            code,
            code == status ? error.Status ?? StatusFor(code) : StatusFor(code),
            error.Message,
            retry is { Length: > 0 } ? new JsonArray(retry) : null);
    }

    public static string ToJson(GeminiError error) =>
        GeminiJsonContext.Write(new GeminiErrorEnvelope(new GeminiErrorBody(error.Code, error.Message, error.Status, error.Details)));

    /// <summary>A failure after the stream started: one data event with the same envelope, then the stream closes.</summary>
    public static SseItem<string> ToStreamEvent(GeminiError error) => new(ToJson(error));
}
