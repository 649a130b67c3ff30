using Microsoft.Extensions.Options;

namespace Switchyard.Accounts;

/// <summary>What <c>accounts login</c> was asked to do.</summary>
internal sealed record LoginRequest(int Count = 1, bool NoBrowser = false, bool Headless = false);

/// <summary>Where sign-in talks to the user: progress lines, the URL, and pasted text in headless mode.</summary>
internal interface ILoginConsole
{
    void Progress(string message);

    void ShowUrl(string url, bool headless);

    /// <summary>The redirect URL or code the user pasted; null at end of input.</summary>
    Task<string?> ReadPastedAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Signs in Google accounts: OAuth 2.0 authorization code with PKCE (S256) and a checked state, the
/// callback on a loopback listener (or pasted in headless mode), then email, project and tier, then one
/// store write per account. A failure at any step stores nothing for that account.
/// </summary>
internal sealed class LoginFlow(
    GoogleOAuthClient oauth,
    AccountProvisioner provisioner,
    AccountStore store,
    IBrowserLauncher browser,
    IOptions<OAuthOptions> options,
    TimeProvider time)
{
    /// <summary>The accounts added (or updated) and, if it stopped early, why.</summary>
    public async Task<(IReadOnlyList<Account> Accounts, string? Error)> RunAsync(LoginRequest request, ILoginConsole console, CancellationToken cancellationToken)
    {
        if (options.Value.MissingClientMessage() is { } missing)
        {
            return ([], missing);
        }

        var added = new List<Account>();
        for (var i = 1; i <= request.Count; i++)
        {
            if (request.Count > 1)
            {
                console.Progress($"Account {i} of {request.Count}");
            }

            var (account, error) = await SignInOneAsync(request, console, cancellationToken);
            if (error is not null)
            {
                return (added, error);
            }

            added.Add(account!);
            console.Progress($"Added {account!.Email} (tier {account.Tier}, project {account.ProjectId ?? "none"})");
        }

        return (added, null);
    }

    private async Task<(Account? Account, string? Error)> SignInOneAsync(LoginRequest request, ILoginConsole console, CancellationToken cancellationToken)
    {
        var pkce = Pkce.Create();
        OAuthCallback? callback;
        string redirectUri;
        if (request.Headless)
        {
            var port = options.Value.CallbackPort == 0 ? 51121 : options.Value.CallbackPort;
            redirectUri = $"http://{options.Value.CallbackHost}:{port}{CallbackListener.CallbackPath}";
            console.ShowUrl(oauth.BuildAuthorizeUrl(redirectUri, pkce.State, pkce.Challenge), headless: true);
            console.Progress("Waiting for the pasted redirect URL or code");
            callback = OAuthCallback.Parse(await console.ReadPastedAsync(cancellationToken));
            if (callback is null)
            {
                return (null, "Nothing was pasted; sign-in cancelled.");
            }
        }
        else
        {
            CallbackListener listener;
            try
            {
                listener = CallbackListener.Start(options.Value.CallbackHost, options.Value.CallbackPort);
            }
            catch (InvalidOperationException ex)
            {
                return (null, ex.Message);
            }

            await using (listener)
            {
                redirectUri = listener.RedirectUri;
                var url = oauth.BuildAuthorizeUrl(redirectUri, pkce.State, pkce.Challenge);
                console.ShowUrl(url, headless: false);
                if (!request.NoBrowser && !browser.TryOpen(url))
                {
                    console.Progress("Could not open a browser; open the URL above yourself");
                }

                console.Progress($"Waiting for the browser to come back to {redirectUri}");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var wait = listener.WaitAsync(timeout.Token);
                var limit = Task.Delay(TimeSpan.FromSeconds(options.Value.CallbackTimeoutSeconds), time, timeout.Token);
                if (await Task.WhenAny(wait, limit) != wait)
                {
                    await timeout.CancelAsync();
                    cancellationToken.ThrowIfCancellationRequested();
                    return (null, $"No sign-in arrived within {options.Value.CallbackTimeoutSeconds} s; run again, or use --headless to paste the redirect URL.");
                }

                await timeout.CancelAsync();
                callback = await wait;
            }
        }

        if (callback.Error is { } denied)
        {
            return (null, denied == "access_denied" ? "Consent was denied in the browser; no account was added." : $"Google refused the sign-in ({denied}); no account was added.");
        }

        if (callback.State is not null && callback.State != pkce.State)
        {
            return (null, "The callback's state does not match this sign-in (a stale or forged redirect); no account was added.");
        }

        if (callback.State is null && !request.Headless)
        {
            return (null, "The callback carried no state; no account was added.");
        }

        if (callback.Code is null)
        {
            return (null, "The callback carried no authorization code; no account was added.");
        }

        console.Progress("Exchanging the authorization code for tokens");
        var exchanged = await oauth.ExchangeCodeAsync(callback.Code, redirectUri, pkce.Verifier, cancellationToken);
        if (exchanged.Value is not { } tokens)
        {
            var failure = exchanged.Failure!;
            return (null, failure.Kind == OAuthFailureKind.InvalidGrant
                ? $"The authorization code was rejected (expired, already used, or not from this sign-in): {failure.Message}"
                : failure.Message);
        }

        var (identity, error) = await provisioner.IdentifyAsync(tokens.AccessToken, console.Progress, cancellationToken);
        if (identity is null)
        {
            return (null, error);
        }

        console.Progress($"Saving {identity.Email}");
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
        return (saved[0].Account, null);
    }
}
