using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Switchyard.Accounts;

/// <summary>How an OAuth call failed.</summary>
internal enum OAuthFailureKind
{
    /// <summary>The refresh token or code was rejected (<c>invalid_grant</c>): do not retry.</summary>
    InvalidGrant,

    /// <summary>The client id or secret is wrong or missing.</summary>
    InvalidClient,

    /// <summary>Network error, timeout or 5xx: try again later.</summary>
    Transient,

    /// <summary>Any other rejection.</summary>
    Rejected,
}

/// <summary>A failed OAuth call; the message never contains a token or secret.</summary>
internal sealed record OAuthFailure(OAuthFailureKind Kind, string Message);

/// <summary>Tokens from the token endpoint.</summary>
internal sealed record OAuthTokens(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken);

/// <summary>Either a value or a failure.</summary>
internal readonly record struct OAuthResult<T>(T? Value, OAuthFailure? Failure)
    where T : class
{
    public static implicit operator OAuthResult<T>(T value) => new(value, null);

    public static implicit operator OAuthResult<T>(OAuthFailure failure) => new(null, failure);
}

/// <summary>
/// Google's OAuth endpoints (spec §6): the authorize URL, the code and refresh grants, userinfo. All URLs
/// and the client come from <see cref="OAuthOptions"/>. Failures are values.
/// </summary>
internal sealed class GoogleOAuthClient(IHttpClientFactory httpFactory, IOptions<OAuthOptions> options, TimeProvider time)
{
    public const string HttpClientName = "switchyard-oauth";

    private OAuthOptions Options => options.Value;

    public string BuildAuthorizeUrl(string redirectUri, string state, string codeChallenge)
    {
        var query = new Dictionary<string, string>
        {
            ["client_id"] = Options.ClientId ?? "",
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = string.Join(' ', Options.Scopes),
            ["access_type"] = "offline",
            ["prompt"] = "consent",
            ["code_challenge"] = codeChallenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        };
        var separator = Options.AuthorizeUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return Options.AuthorizeUrl + separator + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    public Task<OAuthResult<OAuthTokens>> ExchangeCodeAsync(string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
        }, requireRefreshToken: true, cancellationToken);

    public Task<OAuthResult<OAuthTokens>> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, requireRefreshToken: false, cancellationToken);

    /// <summary>The email of the token's owner.</summary>
    public async Task<OAuthResult<string>> GetEmailAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Options.UserInfoUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var (status, body, failure) = await SendAsync(request, "userinfo", cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (status != HttpStatusCode.OK)
        {
            return new OAuthFailure((int)status >= 500 ? OAuthFailureKind.Transient : OAuthFailureKind.Rejected, $"The userinfo endpoint answered {(int)status}.");
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String && email.GetString() is { Length: > 0 } value)
            {
                return value;
            }
        }
        catch (JsonException)
        {
        }

        return new OAuthFailure(OAuthFailureKind.Rejected, "The userinfo endpoint returned no email address.");
    }

    private async Task<OAuthResult<OAuthTokens>> TokenAsync(Dictionary<string, string> form, bool requireRefreshToken, CancellationToken cancellationToken)
    {
        if (Options.MissingClientMessage() is { } missing)
        {
            return new OAuthFailure(OAuthFailureKind.InvalidClient, missing);
        }

        form["client_id"] = Options.ClientId!;
        form["client_secret"] = Options.ClientSecret!;
        var started = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, Options.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        var (status, body, failure) = await SendAsync(request, "token", cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        JsonElement root;
        try
        {
            using var json = JsonDocument.Parse(body);
            root = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new OAuthFailure((int)status >= 500 ? OAuthFailureKind.Transient : OAuthFailureKind.Rejected, $"The token endpoint answered {(int)status} with a body that is not JSON.");
        }

        if (status != HttpStatusCode.OK)
        {
            return ReadError(status, root);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String)
        {
            return new OAuthFailure(OAuthFailureKind.Rejected, "The token endpoint returned no access token.");
        }

        var expiresIn = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : 3600;
        var refresh = root.TryGetProperty("refresh_token", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (requireRefreshToken && string.IsNullOrEmpty(refresh))
        {
            return new OAuthFailure(OAuthFailureKind.Rejected, "The token endpoint returned no refresh token (offline access was not granted).");
        }

        return new OAuthTokens(access.GetString()!, started.AddSeconds(Math.Max(0, expiresIn)), refresh);
    }

    private static OAuthFailure ReadError(HttpStatusCode status, JsonElement root)
    {
        string? error = null;
        string? description = null;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var err))
        {
            if (err.ValueKind == JsonValueKind.String)
            {
                error = err.GetString();
            }
            else if (err.ValueKind == JsonValueKind.Object)
            {
                error = err.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                description = err.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            }

            if (root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String)
            {
                description = d.GetString();
            }
        }

        var text = $"{error ?? "error"}{(description is null ? "" : ": " + description)} (HTTP {(int)status})";
        var kind = error switch
        {
            "invalid_grant" => OAuthFailureKind.InvalidGrant,
            "invalid_client" or "unauthorized_client" => OAuthFailureKind.InvalidClient,
            _ when (int)status >= 500 || status == HttpStatusCode.TooManyRequests => OAuthFailureKind.Transient,
            _ => OAuthFailureKind.Rejected,
        };
        return new OAuthFailure(kind, kind == OAuthFailureKind.InvalidClient ? text + " — check OAuth:ClientId and OAuth:ClientSecret (see " + OAuthOptions.GuideUrl + ")." : text);
    }

    private async Task<(HttpStatusCode Status, string Body, OAuthFailure? Failure)> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Options.HttpTimeoutSeconds));
        try
        {
            using var http = httpFactory.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, timeout.Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token), null);
        }
        catch (HttpRequestException ex)
        {
            return (default, "", new OAuthFailure(OAuthFailureKind.Transient, $"Cannot reach the {what} endpoint {request.RequestUri?.GetLeftPart(UriPartial.Path)}: {ex.Message}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (default, "", new OAuthFailure(OAuthFailureKind.Transient, $"The {what} endpoint {request.RequestUri?.GetLeftPart(UriPartial.Path)} did not answer within {Options.HttpTimeoutSeconds} s."));
        }
    }
}
