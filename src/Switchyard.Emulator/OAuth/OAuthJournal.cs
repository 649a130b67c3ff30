using Switchyard.Emulator.State;

namespace Switchyard.Emulator.OAuth;

/// <summary>
/// Journal entries for OAuth calls (label <c>oauth</c>). Query strings and form bodies are redacted by
/// parameter name before <see cref="Journal.Redact"/> runs, so no code, token, secret or verifier (nor the
/// <c>state</c>, which some clients use to carry the verifier) reaches the journal.
/// </summary>
internal static class OAuthJournal
{
    public const string Label = "oauth";
    private const string Redacted = "[redacted]";

    private static readonly HashSet<string> _secretParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "code_verifier", "client_secret", "refresh_token", "access_token", "id_token", "token",
        "state", "assertion", "password",
    };

    public static JournalEntry Entry(HttpContext http, EmulatorState state, string rpc, string? body = null) => new()
    {
        Time = state.Clock.GetUtcNow(),
        Label = Label,
        Rpc = rpc,
        Method = http.Request.Method,
        Path = http.Request.Path.Value ?? "",
        Query = RedactQuery(http.Request.QueryString.Value ?? ""),
        Headers = Headers(http.Request.Headers),
        Body = body is null ? null : RedactForm(body),
    };

    /// <summary>Redacts a query string (with or without its leading <c>?</c>).</summary>
    public static string RedactQuery(string query) =>
        query.StartsWith('?') ? "?" + RedactForm(query[1..]) : RedactForm(query);

    /// <summary>Redacts the values of secret parameters in <c>a=b&amp;c=d</c> text, then any JSON-shaped secrets.</summary>
    public static string RedactForm(string text)
    {
        var pairs = text.Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pairs[i] : pairs[i][..eq];
            if (eq >= 0 && _secretParameters.Contains(Decode(name)))
            {
                pairs[i] = name + "=" + Redacted;
            }
        }

        return Journal.Redact(string.Join('&', pairs));
    }

    private static string Decode(string name)
    {
        try
        {
            return Uri.UnescapeDataString(name.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return name;
        }
    }

    private static Dictionary<string, string> Headers(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            var text = value.ToString();
            result[name] = name.ToUpperInvariant() switch
            {
                "AUTHORIZATION" => text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "Bearer [redacted]"
                    : text.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? "Basic [redacted]"
                    : Redacted,
                "COOKIE" => Redacted,
                _ => text,
            };
        }

        return result;
    }
}
