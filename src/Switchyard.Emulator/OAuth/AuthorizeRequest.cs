using Microsoft.Extensions.Primitives;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.OAuth;

/// <summary>The parameters of an authorize call, from the query (GET) or the consent form (POST).</summary>
internal sealed record AuthorizeRequest
{
    public string? ClientId { get; init; }
    public string? RedirectUri { get; init; }
    public string? ResponseType { get; init; }
    public string? Scope { get; init; }
    public string? State { get; init; }
    public string? CodeChallenge { get; init; }
    public string? CodeChallengeMethod { get; init; }

    public static AuthorizeRequest From(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in parameters)
        {
            if (values.Count > 0 && values[0] is { } first)
            {
                map.TryAdd(name, first);
            }
        }

        return new AuthorizeRequest
        {
            ClientId = Get(map, "client_id"),
            RedirectUri = Get(map, "redirect_uri"),
            ResponseType = Get(map, "response_type"),
            Scope = Get(map, "scope"),
            State = map.GetValueOrDefault("state"),
            CodeChallenge = Get(map, "code_challenge"),
            CodeChallengeMethod = Get(map, "code_challenge_method"),
        };
    }

    /// <summary>The requested scopes, space-separated, without repeats.</summary>
    public string GrantedScope =>
        string.Join(' ', (Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal));

    /// <summary>
    /// Null when the request is acceptable, else the error and its description. Every failure is shown as an
    /// error page: the emulator, like Google, never redirects a request it rejected.
    /// </summary>
    public (string Error, string Description)? Validate(EmulatorConfig config)
    {
        if (ClientId is null)
        {
            return ("invalid_request", "Missing required parameter: client_id");
        }

        if (OAuthClients.Find(config, ClientId) is null)
        {
            return ("invalid_client", "The OAuth client was not found.");
        }

        if (RedirectUri is null)
        {
            return ("invalid_request", "Missing required parameter: redirect_uri");
        }

        if (!IsAllowedRedirect(config, RedirectUri))
        {
            return ("redirect_uri_mismatch",
                "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy: the redirect_uri is not registered for this client.");
        }

        if (ResponseType is null)
        {
            return ("invalid_request", "Missing required parameter: response_type");
        }

        if (!string.Equals(ResponseType, "code", StringComparison.Ordinal))
        {
            return ("unsupported_response_type", $"Unsupported response_type: {ResponseType}");
        }

        if (GrantedScope.Length == 0)
        {
            return ("invalid_request", "Missing required parameter: scope");
        }

        if (CodeChallenge is not null)
        {
            if (!string.Equals(CodeChallengeMethod, Pkce.S256, StringComparison.Ordinal))
            {
                return ("invalid_request", "Invalid code_challenge_method: only S256 is supported.");
            }

            if (!Pkce.IsWellFormed(CodeChallenge))
            {
                return ("invalid_request", "Invalid code_challenge.");
            }
        }

        return null;
    }

    /// <summary>An absolute http(s) URI without credentials or fragment that matches a glob of the allowlist.</summary>
    public static bool IsAllowedRedirect(EmulatorConfig config, string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.UserInfo.Length == 0
        && uri.Fragment.Length == 0
        && config.RedirectAllowlist.Any(glob => Glob.IsMatch(glob, redirectUri));

    /// <summary>The fields the consent form posts back, so the POST is validated exactly like the GET.</summary>
    public IEnumerable<(string Name, string Value)> FormFields()
    {
        (string, string?)[] fields =
        [
            ("client_id", ClientId), ("redirect_uri", RedirectUri), ("response_type", ResponseType), ("scope", Scope),
            ("state", State), ("code_challenge", CodeChallenge), ("code_challenge_method", CodeChallengeMethod),
        ];
        return fields.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));
    }

    private static string? Get(Dictionary<string, string> map, string name) =>
        map.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
