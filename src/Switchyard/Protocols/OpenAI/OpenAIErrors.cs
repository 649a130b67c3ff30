using System.Net.ServerSentEvents;
using Switchyard.Protocols.Gemini;

namespace Switchyard.Protocols.OpenAI;

/// <summary>
/// The OpenAI error envelope: <c>{error:{message, type, param, code}}</c>. Types by status: 400
/// invalid_request_error, 401 authentication_error, 403 permission_error, 404 not_found_error, 429
/// rate_limit_error, 5xx server_error.
/// </summary>
internal static class OpenAIErrors
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Authentication = "authentication_error";
    public const string Permission = "permission_error";
    public const string NotFound = "not_found_error";
    public const string RateLimit = "rate_limit_error";
    public const string Server = "server_error";

    /// <summary>A 400 naming the offending field (e.g. <c>messages[2].tool_calls[0].function.arguments</c>).</summary>
    public static OpenAIError Invalid(string message, string? param = null, string? code = null) =>
        new(400, InvalidRequest, message, param, code);

    public static string TypeFor(int status) => status switch
    {
        401 => Authentication,
        403 => Permission,
        404 => NotFound,
        429 => RateLimit,
        >= 500 => Server,
        _ => InvalidRequest,
    };

    public static OpenAIError ForStatus(int status, string message, string? code = null) =>
        new(status, TypeFor(status), message, null, code);

    /// <summary>
    /// Maps an upstream error (Google envelope, Claude double-wrapped 400s unwrapped to the inner message) to an
    /// OpenAI error. A too-long prompt becomes 400 <c>context_length_exceeded</c>; 429 carries
    /// <c>rate_limit_exceeded</c>; 529 becomes 503; other statuses keep their number.
    /// </summary>
    public static OpenAIError FromUpstream(int status, string? body)
    {
        var error = UpstreamErrorBody.Read(status, body);
        if (status == 400 && error.IsPromptTooLong)
        {
            return Invalid(error.Message, "messages", "context_length_exceeded");
        }

        var mapped = status == 529 ? 503 : status;
        var code = mapped switch
        {
            429 => "rate_limit_exceeded",
            _ => error.Status?.ToLowerInvariant(),
        };
        return new OpenAIError(mapped, TypeFor(mapped), error.Message, null, code);
    }

    public static string ToJson(OpenAIError error) =>
        OpenAIJsonContext.Write(
            new OpenAIErrorEnvelope(new OpenAIErrorBody { Message = error.Message, Type = error.Type, Param = error.Param, Code = error.Code }));

    /// <summary>
    /// The in-protocol error for a stream that already started (DESIGN decision 3): one data event carrying the
    /// same <c>{error:{…}}</c> envelope a non-streamed failure would have. The caller sends nothing after it —
    /// in particular no <c>[DONE]</c> — and closes the stream; the openai SDKs raise an API error when a chunk
    /// carries <c>error</c>, and a client that only waits for <c>[DONE]</c> sees a truncated stream, not a
    /// clean end.
    /// </summary>
    public static SseItem<string> ToStreamEvent(OpenAIError error) => new(ToJson(error));
}
