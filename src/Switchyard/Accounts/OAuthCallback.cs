using System.Web;

namespace Switchyard.Accounts;

/// <summary>What came back from the authorize step: a code, or an error, and the state.</summary>
internal sealed record OAuthCallback(string? Code, string? State, string? Error)
{
    /// <summary>
    /// Reads what a user pasted: the whole redirect URL (or just its query), or the bare code. Null when
    /// the text is empty.
    /// </summary>
    public static OAuthCallback? Parse(string? pasted)
    {
        var text = pasted?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var at = text.IndexOf('?', StringComparison.Ordinal);
        if (at >= 0 || text.Contains("code=", StringComparison.Ordinal) || text.Contains("error=", StringComparison.Ordinal))
        {
            return FromQuery(at >= 0 ? text[(at + 1)..] : text);
        }

        return new OAuthCallback(text, null, null);
    }

    public static OAuthCallback FromQuery(string query)
    {
        var fragment = query.IndexOf('#', StringComparison.Ordinal);
        var values = HttpUtility.ParseQueryString(fragment >= 0 ? query[..fragment] : query);
        return new OAuthCallback(Empty(values["code"]), Empty(values["state"]), Empty(values["error"]));
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
