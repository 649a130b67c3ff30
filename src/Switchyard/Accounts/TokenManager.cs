using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Switchyard.Upstream;

namespace Switchyard.Accounts;

/// <summary>
/// Access tokens per account. A token is refreshed when less than <see cref="AccountsOptions.RefreshMarginSeconds"/>
/// remain; however many callers wait, one load-or-refresh runs per account (single flight), and it is not
/// canceled by any one caller. <c>invalid_grant</c> disables the account with its reason; other refresh
/// failures back off exponentially (shown as a cooldown), serving the old token while it still works.
/// Thread-safe.
/// </summary>
internal sealed partial class TokenManager(
    AccountStore store,
    AccountRegistry registry,
    GoogleOAuthClient oauth,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<TokenManager> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenState> _states = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();

    /// <summary>A token valid for at least the refresh margin (plus <paramref name="ahead"/>), loading or refreshing it if needed.</summary>
    public async Task<TokenResult> GetAccessTokenAsync(string accountId, CancellationToken cancellationToken, TimeSpan ahead = default)
    {
        var snapshot = registry.Current;
        switch (snapshot.Find(accountId))
        {
            case { Enabled: false } disabled:
                return TokenResult.Fail(TokenFailureKind.Disabled, $"The account {disabled.Email} is disabled: {disabled.DisabledReason}");
            case null when snapshot.Generation > 0:
                _states.TryRemove(accountId, out _);
                return TokenResult.Fail(TokenFailureKind.NotFound, $"No account with id {accountId}.");
        }

        var state = _states.GetOrAdd(accountId, _ => new TokenState());
        Task<TokenResult> work;
        lock (state)
        {
            var now = time.GetUtcNow();
            if (state.Token is { } token && now < token.ExpiresAt - Margin - ahead)
            {
                return TokenResult.Ok(token);
            }

            if (state.InFlight is null && now < state.BackoffUntil)
            {
                return state.Token is { } stillValid && now < stillValid.ExpiresAt
                    ? TokenResult.Ok(stillValid)
                    : TokenResult.Fail(TokenFailureKind.Transient, $"{state.LastError} Next try after {state.BackoffUntil:HH:mm:ss} UTC.");
            }

            work = state.InFlight ??= Task.Run(() => AcquireAsync(accountId, state, ahead), CancellationToken.None);
        }

        return await work.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets <paramref name="rejectedToken"/> after the upstream answered 401 to it, so the next call refreshes.</summary>
    public void Invalidate(string accountId, string rejectedToken)
    {
        if (_states.TryGetValue(accountId, out var state))
        {
            lock (state)
            {
                if (state.Token?.Value == rejectedToken)
                {
                    state.Token = null;
                }

                state.Rejected = rejectedToken;
            }
        }
    }

    /// <summary>Runs an upstream call with the account's token; on 401, refreshes once and retries once.</summary>
    public async Task<UpstreamResult<T>> ExecuteAsync<T>(string accountId, Func<string, CancellationToken, Task<UpstreamResult<T>>> call, CancellationToken cancellationToken)
        where T : class
    {
        var first = await GetAccessTokenAsync(accountId, cancellationToken);
        if (first.Token is not { } token)
        {
            return UpstreamResult<T>.Fail(401, first.Error!);
        }

        var result = await call(token.Value, cancellationToken);
        if (!result.IsUnauthorized)
        {
            return result;
        }

        LogUnauthorized(accountId);
        Invalidate(accountId, token.Value);
        var second = await GetAccessTokenAsync(accountId, cancellationToken);
        return second.Token is { } fresh ? await call(fresh.Value, cancellationToken) : UpstreamResult<T>.Fail(401, second.Error!);
    }

    private TimeSpan Margin => TimeSpan.FromSeconds(options.Value.RefreshMarginSeconds);

    private async Task<TokenResult> AcquireAsync(string accountId, TokenState state, TimeSpan ahead)
    {
        try
        {
            var cancellationToken = _lifetime.Token;
            var secrets = await store.GetSecretsAsync(accountId, cancellationToken);
            if (secrets is null)
            {
                _states.TryRemove(accountId, out _);
                return TokenResult.Fail(TokenFailureKind.NotFound, $"No account with id {accountId}.");
            }

            // Another process (or an earlier run) may have stored a token that is still good.
            if (secrets.AccessToken is { } stored && secrets.AccessExpiresAt is { } storedExpiry
                && time.GetUtcNow() < storedExpiry - Margin - ahead && stored != state.Rejected)
            {
                var token = new AccessToken(stored, storedExpiry);
                SetToken(state, token);
                return TokenResult.Ok(token);
            }

            var refreshed = await oauth.RefreshAsync(secrets.RefreshToken, cancellationToken);
            if (refreshed.Value is { } tokens)
            {
                await store.SaveTokensAsync(accountId, tokens.AccessToken, tokens.ExpiresAt, tokens.RefreshToken, cancellationToken);
                var token = new AccessToken(tokens.AccessToken, tokens.ExpiresAt);
                SetToken(state, token);
                LogRefreshed(accountId, tokens.ExpiresAt);
                return TokenResult.Ok(token);
            }

            var failure = refreshed.Failure!;
            if (failure.Kind == OAuthFailureKind.InvalidGrant)
            {
                var reason = $"Google rejected the refresh token ({failure.Message}); sign in again with 'switchyard accounts login'.";
                await store.SetEnabledAsync(accountId, enabled: false, reason, cancellationToken);
                lock (state)
                {
                    state.Token = null;
                }

                LogDisabled(accountId, failure.Message);
                await registry.ReloadAsync(cancellationToken);
                return TokenResult.Fail(TokenFailureKind.InvalidGrant, reason);
            }

            return await BackOffAsync(accountId, state, failure, cancellationToken);
        }
        catch (SqliteException ex)
        {
            LogStoreFailed(accountId, ex.Message);
            return TokenResult.Fail(TokenFailureKind.Transient, $"The account store is unavailable: {ex.Message}");
        }
        catch (CryptographicException)
        {
            return TokenResult.Fail(TokenFailureKind.NotConfigured, "The stored tokens cannot be decrypted: secret.key does not belong to this database.");
        }
        finally
        {
            lock (state)
            {
                state.InFlight = null;
            }
        }
    }

    private async Task<TokenResult> BackOffAsync(string accountId, TokenState state, OAuthFailure failure, CancellationToken cancellationToken)
    {
        var accountsOptions = options.Value;
        DateTimeOffset until;
        AccessToken? stillValid;
        lock (state)
        {
            state.Failures++;
            var seconds = Math.Min(accountsOptions.RefreshBackoffMaxSeconds, accountsOptions.RefreshBackoffSeconds * Math.Pow(2, Math.Min(state.Failures - 1, 20)));
            until = time.GetUtcNow().AddSeconds(seconds);
            state.BackoffUntil = until;
            state.LastError = "Token refresh failed: " + failure.Message;
            stillValid = state.Token is { } t && time.GetUtcNow() < t.ExpiresAt ? t : null;
        }

        LogRefreshFailed(accountId, failure.Message, until);
        await store.SetCooldownAsync(accountId, until, "token refresh failed: " + failure.Message, cancellationToken);
        return stillValid is not null
            ? TokenResult.Ok(stillValid)
            : TokenResult.Fail(failure.Kind == OAuthFailureKind.InvalidClient ? TokenFailureKind.NotConfigured : TokenFailureKind.Transient, state.LastError!);
    }

    private static void SetToken(TokenState state, AccessToken token)
    {
        lock (state)
        {
            state.Token = token;
            state.Failures = 0;
            state.BackoffUntil = default;
            state.LastError = null;
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    /// <summary>Per-account token state; guarded by locking the instance.</summary>
    private sealed class TokenState
    {
        public AccessToken? Token { get; set; }
        public string? Rejected { get; set; }
        public Task<TokenResult>? InFlight { get; set; }
        public int Failures { get; set; }
        public DateTimeOffset BackoffUntil { get; set; }
        public string? LastError { get; set; }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Access token refreshed for account {AccountId}; valid until {ExpiresAt}")]
    private partial void LogRefreshed(string accountId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Account {AccountId} disabled: the refresh token was rejected ({Reason})")]
    private partial void LogDisabled(string accountId, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Token refresh for account {AccountId} failed ({Reason}); next try after {Until}")]
    private partial void LogRefreshFailed(string accountId, string reason, DateTimeOffset until);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Token store unavailable for account {AccountId}: {Reason}")]
    private partial void LogStoreFailed(string accountId, string reason);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Upstream answered 401 for account {AccountId}; refreshing once and retrying")]
    private partial void LogUnauthorized(string accountId);
}
