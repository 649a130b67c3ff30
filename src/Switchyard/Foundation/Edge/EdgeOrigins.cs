namespace Switchyard.Foundation.Edge;

/// <summary>Origins as the edge compares them: <c>scheme://host[:port]</c>, lower case, default ports dropped; or <c>null</c>.</summary>
internal static class EdgeOrigins
{
    /// <summary>The normal form of <paramref name="origin"/>, or null when it is not an origin (a path, a query, no scheme…).</summary>
    public static string? Normalize(string? origin)
    {
        if (string.IsNullOrWhiteSpace(origin))
        {
            return null;
        }

        var text = origin.Trim();
        if (text == "null")
        {
            return text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            || text.EndsWith('/'))
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}".ToLowerInvariant() : $"{uri.Scheme}://{uri.Host}:{uri.Port}".ToLowerInvariant();
    }
}
