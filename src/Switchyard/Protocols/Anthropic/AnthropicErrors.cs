using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Switchyard.Protocols.Anthropic;

/// <summary>An error for an Anthropic client: the HTTP status and the <c>{type:"error", error}</c> body.</summary>
internal sealed record AnthropicError(int Status, AnthropicErrorBody Body)
{
    public string ToJson() => JsonSerializer.Serialize(Body, AnthropicJsonContext.Output.AnthropicErrorBody);
}

/// <summary>
/// Anthropic's error envelope. <see cref="FromUpstream"/> maps an upstream failure: 400 → 400
/// invalid_request_error, 401 → 500 api_error (the gateway's account failed, not the client's key),
/// 403 → 403 permission_error, 404 → 404 not_found_error, 413 → 413 request_too_large, 429 → 429
/// rate_limit_error, 503/529 → 529 overloaded_error, other 5xx → 500 api_error, other 4xx → 400. The
/// message is the upstream's own; a Claude 400 arrives double-wrapped (the Google message is the JSON
/// text of an Anthropic error) and is unwrapped, so e.g. "prompt is too long: …" reaches the client as is.
/// </summary>
internal static class AnthropicErrors
{
    public static string TypeForStatus(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        529 or 503 => "overloaded_error",
        _ when status >= 500 => "api_error",
        _ => "invalid_request_error",
    };

    public static AnthropicError Create(int status, string message) =>
        new(status, new AnthropicErrorBody { Error = new AnthropicErrorDetail { Type = TypeForStatus(status), Message = message } });

    public static AnthropicError InvalidRequest(string message) => Create(400, message);

    public static AnthropicError FromUpstream(int upstreamStatus, string? upstreamBody)
    {
        var status = upstreamStatus switch
        {
            400 or 403 or 404 or 413 or 429 => upstreamStatus,
            401 => 500,
            503 or 529 => 529,
            >= 500 => 500,
            _ => 400,
        };
        var message = UpstreamMessage(upstreamBody) ?? $"The upstream returned HTTP {upstreamStatus}.";
        return Create(status, message);
    }

    /// <summary>
    /// The <c>error</c> event for a failure after the stream has started (transport failure, broken
    /// upstream stream): overloaded_error for 503/529, otherwise api_error.
    /// </summary>
    public static SseItem<string> StreamError(int upstreamStatus, string message) =>
        StreamError(new AnthropicError(upstreamStatus, new AnthropicErrorBody
        {
            Error = new AnthropicErrorDetail { Type = upstreamStatus is 503 or 529 ? "overloaded_error" : "api_error", Message = message },
        }));

    /// <summary>The <c>error</c> event carrying an already mapped error (e.g. from <see cref="FromUpstream"/>).</summary>
    public static SseItem<string> StreamError(AnthropicError error) =>
        new(error.ToJson(), "error");

    /// <summary>
    /// <c>error.message</c> of a Google envelope (object or one-element array), unwrapped once more when it
    /// is itself an Anthropic error's JSON text. Null when the body has no usable message (e.g. HTML).
    /// </summary>
    public static string? UpstreamMessage(string? body)
    {
        var outer = ErrorMessage(body);
        if (outer is null)
        {
            return null;
        }

        return outer.TrimStart().StartsWith('{') && ErrorMessage(outer) is { Length: > 0 } inner ? inner : outer;
    }

    private static string? ErrorMessage(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
