using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Protocols.Gemini;

/// <summary>
/// An upstream error body read defensively (upstream-protocol §5): the Google envelope
/// <c>{error:{code, message, status, details}}</c> (or an array of them), with Claude's double wrapping undone —
/// there the outer message is the JSON text of an Anthropic error, and <see cref="Message"/> is its inner message.
/// Used by the OpenAI and Gemini error mappers.
/// </summary>
/// <param name="Status">The Google status name (RESOURCE_EXHAUSTED…), if the body had one.</param>
/// <param name="Message">The message a client should see.</param>
/// <param name="Reason">The first ErrorInfo reason (QUOTA_EXHAUSTED…), if any.</param>
/// <param name="Details">The body's details array, if any.</param>
/// <param name="AnthropicType">The inner Anthropic error type when the message was double-wrapped.</param>
internal sealed record UpstreamErrorBody(string? Status, string Message, string? Reason, JsonArray? Details, string? AnthropicType)
{
    public static UpstreamErrorBody Read(int httpStatus, string? body)
    {
        var fallback = $"Upstream request failed with status {httpStatus}.";
        JsonNode? root;
        try
        {
            root = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return new UpstreamErrorBody(null, fallback, null, null, null);
        }

        if (root is JsonArray { Count: > 0 } array)
        {
            root = array[0];
        }

        if (root is not JsonObject obj || obj["error"] is not JsonObject error)
        {
            return new UpstreamErrorBody(null, fallback, null, null, null);
        }

        var status = StringOf(error["status"]);
        var message = StringOf(error["message"]) ?? fallback;
        var details = error["details"] as JsonArray;
        var reason = details?.OfType<JsonObject>().Select(d => StringOf(d["reason"])).FirstOrDefault(r => r is not null);
        var (inner, innerType) = Unwrap(message);
        return new UpstreamErrorBody(status, inner ?? message, reason, details, innerType);
    }

    /// <summary>Whether the message says the prompt is over the context window (Claude or Gemini wording).</summary>
    public bool IsPromptTooLong =>
        Message.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("context_length_exceeded", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("context length exceeded", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase)
        || (Message.Contains("input token count", StringComparison.OrdinalIgnoreCase)
            && Message.Contains("exceeds the maximum", StringComparison.OrdinalIgnoreCase));

    private static (string? Message, string? Type) Unwrap(string message)
    {
        var trimmed = message.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '{')
        {
            return (null, null);
        }

        try
        {
            if (JsonNode.Parse(message) is JsonObject { } wrapped && wrapped["error"] is JsonObject inner)
            {
                return (StringOf(inner["message"]), StringOf(inner["type"]));
            }
        }
        catch (JsonException)
        {
        }

        return (null, null);
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
