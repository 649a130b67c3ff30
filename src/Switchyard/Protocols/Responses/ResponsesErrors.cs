using Switchyard.Protocols.OpenAI;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// Errors of the Responses door. The envelope is OpenAI's own <c>{error:{message, type, param, code}}</c> (Codex prints
/// the body of a 4xx as is), built by <see cref="OpenAIErrors"/>. A stream that already started ends with
/// <c>response.failed</c> instead (see <see cref="ResponsesStream.Fail"/>).
/// </summary>
internal static class ResponsesErrors
{
    /// <summary>A 400 naming the offending field (e.g. <c>input[3].encrypted_content</c>).</summary>
    public static OpenAIError Invalid(string message, string? param = null, string? code = null) => OpenAIErrors.Invalid(message, param, code);

    /// <summary>An unsupported value: 400 with code <c>unsupported_value</c>.</summary>
    public static OpenAIError Unsupported(string message, string param) => OpenAIErrors.Invalid(message, param, "unsupported_value");

    public static OpenAIError ForStatus(int status, string message, string? code = null) => OpenAIErrors.ForStatus(status, message, code);

    /// <summary>An upstream error in the OpenAI envelope; a too-long prompt names <c>input</c> (not <c>messages</c>).</summary>
    public static OpenAIError FromUpstream(int status, string? body)
    {
        var error = OpenAIErrors.FromUpstream(status, body);
        return error.Param == "messages" ? error with { Param = "input" } : error;
    }

    public static string ToJson(OpenAIError error) => OpenAIErrors.ToJson(error);

    /// <summary>The <c>response.error.code</c> of a failed response for an error.</summary>
    public static string CodeFor(OpenAIError error) => error.Code switch
    {
        { Length: > 0 } code => code,
        _ => error.Status switch
        {
            429 => "rate_limit_exceeded",
            >= 500 => "server_error",
            _ => "invalid_prompt",
        },
    };
}
