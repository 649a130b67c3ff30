using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Switchyard.Emulator.OAuth;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body (any charset parameter). Anything else, a body
/// that is not UTF-8, an oversized body or a repeated parameter is reported as an error, never thrown.
/// </summary>
internal static class OAuthForm
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(Dictionary<string, StringValues>? Form, string? Raw, string? Error)> ReadAsync(HttpContext http)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, "Invalid request: the body must be application/x-www-form-urlencoded.");
        }

        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[8192];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                await buffer.WriteAsync(chunk.AsMemory(0, read), http.RequestAborted);
                if (buffer.Length > MaxBodyBytes)
                {
                    return (null, null, "Invalid request: the body is too large.");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException)
        {
            return (null, null, "Invalid request: the body could not be read.");
        }

        string raw;
        try
        {
            raw = _strictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return (null, null, "Invalid request: the body is not valid UTF-8.");
        }

        var form = QueryHelpers.ParseQuery(raw);
        if (form.FirstOrDefault(p => p.Value.Count > 1) is { Key: { } repeated })
        {
            return (null, raw, $"Invalid request: parameter {repeated} is repeated.");
        }

        return (form, raw, null);
    }

    /// <summary>The parameter's value, or null when it is absent or blank.</summary>
    public static string? Get(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;
}
