using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.RateLimits;

namespace Switchyard.Quota;

/// <summary>
/// What the upstream says about an account itself (upstream-2026 §7): VALIDATION_REQUIRED rests the account (an
/// account-wide cooldown) and keeps its verification link for the CLI, the admin API and the dashboard until a call
/// succeeds again; a Terms of Service ban disables the account with the upstream's reason. Each is logged once.
/// Thread-safe.
/// </summary>
internal sealed partial class AccountChecks(
    AccountStore store,
    AccountRegistry registry,
    CooldownTracker cooldowns,
    IOptionsMonitor<RateLimitOptions> limits,
    ILogger<AccountChecks> logger)
{
    /// <summary>Shown when the upstream asks for verification without a link.</summary>
    public const string NoLink = "(the upstream gave no link: sign in to the account at https://accounts.google.com)";

    public async Task VerificationRequiredAsync(string accountId, string? url, CancellationToken cancellationToken)
    {
        cooldowns.Lock(RateLimitKey.AccountWide(accountId), TimeSpan.FromSeconds(limits.CurrentValue.ValidationCooldownSeconds), UpstreamFailureKind.ValidationRequired);
        var link = url is { Length: > 0 } && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url : NoLink;
        var account = registry.Current.Find(accountId);
        if (account is null || account.VerificationUrl == link)
        {
            return;
        }

        await store.SetVerificationAsync(accountId, link, cancellationToken);
        await registry.ReloadAsync(cancellationToken);
        LogVerification(account.Email);
    }

    /// <summary>The account answered normally: a pending verification is done.</summary>
    public async Task VerifiedAsync(string accountId, CancellationToken cancellationToken)
    {
        if (registry.Current.Find(accountId) is { VerificationUrl: not null } account)
        {
            await store.SetVerificationAsync(accountId, null, cancellationToken);
            await registry.ReloadAsync(cancellationToken);
            LogVerified(account.Email);
        }
    }

    public async Task BannedAsync(string accountId, string? message, CancellationToken cancellationToken)
    {
        cooldowns.Lock(RateLimitKey.AccountWide(accountId), TimeSpan.FromDays(1), UpstreamFailureKind.TermsOfServiceBan);
        if (registry.Current.Find(accountId) is not { Enabled: true } account)
        {
            return;
        }

        var text = (message ?? "This service has been disabled in this account for violation of Terms of Service.").ReplaceLineEndings(" ");
        await store.SetEnabledAsync(accountId, enabled: false, "Terms of Service ban (upstream 403): " + (text.Length > 300 ? text[..300] : text), cancellationToken);
        await registry.ReloadAsync(cancellationToken);
        LogBanned(account.Email);
    }

    [LoggerMessage(EventId = 3210, Level = LogLevel.Warning, Message = "Account {Email} needs verification (VALIDATION_REQUIRED): it rests until verified; the link is in 'switchyard accounts list' and the dashboard")]
    private partial void LogVerification(string email);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information, Message = "Account {Email} is verified again")]
    private partial void LogVerified(string email);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Error, Message = "Account {Email} was disabled by the upstream for a Terms of Service violation; Switchyard disabled it")]
    private partial void LogBanned(string email);
}
