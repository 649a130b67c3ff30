using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Quota;

namespace Switchyard.Admin;

/// <summary>
/// Adding an account from the dashboard: the same OAuth 2.0 code flow with PKCE (S256) and a checked state as
/// <c>accounts login</c>, but the browser comes back to the gateway itself (<see cref="CallbackPath"/>). Pending
/// sign-ins live in memory, are single-use and expire after <see cref="AdminOptions.SignInTimeoutSeconds"/>.
/// Thread-safe.
/// </summary>
internal sealed class AdminSignIn(
    GoogleOAuthClient oauth,
    AccountProvisioner provisioner,
    AccountStore store,
    AccountRegistry registry,
    QuotaService quota,
    IOptions<OAuthOptions> oauthOptions,
    IOptionsMonitor<AdminOptions> adminOptions,
    TimeProvider time)
{
    public const string CallbackPath = "/admin/oauth/callback";
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>Starts a sign-in whose callback is <c>{origin}/admin/oauth/callback</c>; null and why when OAuth is not configured.</summary>
    public (string? AuthorizeUrl, string? State, DateTimeOffset ExpiresAt, string? Error) Start(string origin)
    {
        if (oauthOptions.Value.MissingClientMessage() is { } missing)
        {
            return (null, null, default, missing);
        }

        var now = time.GetUtcNow();
        foreach (var (state, pending) in _pending)
        {
            if (pending.ExpiresAt <= now)
            {
                _pending.TryRemove(state, out _);
            }
        }

        var pkce = Pkce.Create();
        var redirectUri = origin.TrimEnd('/') + CallbackPath;
        var expires = now.AddSeconds(adminOptions.CurrentValue.SignInTimeoutSeconds);
        _pending[pkce.State] = new Pending(pkce.Verifier, redirectUri, expires);
        return (oauth.BuildAuthorizeUrl(redirectUri, pkce.State, pkce.Challenge), pkce.State, expires, null);
    }

    /// <summary>Completes the sign-in the callback belongs to: the account added, or why not (no secret in the text).</summary>
    public async Task<(Account? Account, string? Error)> CompleteAsync(OAuthCallback callback, CancellationToken cancellationToken)
    {
        if (callback.State is null || !_pending.TryRemove(callback.State, out var pending) || pending.ExpiresAt <= time.GetUtcNow())
        {
            return (null, "This sign-in is unknown or expired (a stale or forged redirect); start again from the dashboard.");
        }

        if (callback.Error is { } denied)
        {
            return (null, denied == "access_denied" ? "Consent was denied; no account was added." : $"Google refused the sign-in ({denied}); no account was added.");
        }

        if (callback.Code is null)
        {
            return (null, "The callback carried no authorization code; no account was added.");
        }

        var exchanged = await oauth.ExchangeCodeAsync(callback.Code, pending.RedirectUri, pending.Verifier, cancellationToken);
        if (exchanged.Value is not { } tokens)
        {
            return (null, exchanged.Failure!.Message);
        }

        var (identity, error) = await provisioner.IdentifyAsync(tokens.AccessToken, _ => { }, cancellationToken);
        if (identity is null)
        {
            return (null, error);
        }

        var saved = await store.UpsertAsync(
            [
                new NewAccount
                {
                    Email = identity.Email,
                    RefreshToken = tokens.RefreshToken!,
                    Tier = identity.Tier,
                    ProjectId = identity.ProjectId,
                    Enabled = true,
                    AccessToken = tokens.AccessToken,
                    AccessExpiresAt = tokens.ExpiresAt,
                },
            ], cancellationToken);
        await registry.ReloadAsync(cancellationToken);

        // Best effort, so the dashboard shows the new account's quota at once; a failure is logged by the quota service.
        await quota.RefreshAsync(saved[0].Account.Id, cancellationToken);
        return (saved[0].Account, null);
    }

    private sealed record Pending(string Verifier, string RedirectUri, DateTimeOffset ExpiresAt);
}
