using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.RequestLog;

/// <summary>
/// Makes a request body safe to keep: values of secret-looking JSON fields and anything shaped like a Google
/// access or refresh token, an API key or a bearer credential become <c>[redacted]</c>; the result is cut to a
/// byte limit (on a character boundary) with a marker.
/// </summary>
internal static partial class BodyRedactor
{
    public const string Redacted = "[redacted]";
    public const string CutMarker = "…[cut]";

    public static string Redact(string body, int maxBytes)
    {
        var text = SecretField().Replace(body, m => m.Groups["name"].Value + "\"" + Redacted + "\"");
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
