using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.RequestLog;

/// <summary>
/// Makes a request body safe to keep: every configured secret (<see cref="IKnownSecrets"/>, as written or as JSON
/// escapes it), values of secret-looking JSON fields and anything shaped like a Google access or refresh token, an
/// API key or a bearer credential become <c>[redacted]</c>; the result is cut to a byte limit (on a character
/// boundary) with a marker.
/// </summary>
internal static partial class BodyRedactor
{
    public const string Redacted = "[redacted]";
    public const string CutMarker = "…[cut]";

    /// <summary>Configured secrets shorter than this are not searched for (they would match ordinary text).</summary>
    public const int MinSecretLength = 6;

    /// <summary>How much more than the limit a capture keeps, so a secret across the limit is still whole when redacted.</summary>
    public const int CaptureMargin = 4096;

    public static string Redact(string body, int maxBytes, IEnumerable<string>? secrets = null)
    {
        var text = body;
        foreach (var secret in secrets ?? [])
        {
            if (secret.Length < MinSecretLength)
            {
                continue;
            }

            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
            var escaped = System.Text.Json.JsonEncodedText.Encode(secret).ToString();
            if (escaped != secret)
            {
                text = text.Replace(escaped, Redacted, StringComparison.Ordinal);
            }
        }

        text = SecretField().Replace(text, m => m.Groups["name"].Value + "\"" + Redacted + "\"");
        text = TokenShape().Replace(text, Redacted);
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var budget = Math.Max(0, maxBytes - Encoding.UTF8.GetByteCount(CutMarker));
        var length = 0;
        var bytes = 0;
        while (length < text.Length)
        {
            var step = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(length, step));
            if (bytes + size > budget)
            {
                break;
            }

            bytes += size;
            length += step;
        }

        return string.Concat(text.AsSpan(0, length), CutMarker);
    }

    [GeneratedRegex(@"(?<name>""(?:[a-z_\-]*(?:api[_\-]?key|token|secret|password|authorization|credential|cookie))""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretField();

    [GeneratedRegex("""ya29\.[A-Za-z0-9_\-\.]+|1//0[A-Za-z0-9_\-]+|sk-[A-Za-z0-9_\-]{8,}|AIza[0-9A-Za-z_\-]{20,}|(?<=Bearer\s+)[A-Za-z0-9_\-\.=+/]{8,}""", RegexOptions.CultureInvariant)]
    private static partial Regex TokenShape();
}
