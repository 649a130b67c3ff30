using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Quota;
using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Admin;

/// <summary>The account pool as the admin API shows and changes it: store, registry, quota and cooldowns together.</summary>
internal sealed class AdminPool(
    AccountStore store,
    AccountRegistry registry,
    QuotaService quota,
    CooldownTracker cooldowns,
    IOptionsMonitor<SchedulingOptions> scheduling,
    IOptionsMonitor<CreditsOptions> credits,
    TimeProvider time)
{
    public async Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken);
        var all = Cooldowns(accounts);
        return [.. accounts.Select(a => View(a, all))];
    }

    public async Task<AccountView?> SetEnabledAsync(string idOrEmail, bool enabled, string? reason, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(idOrEmail, cancellationToken) is not { } account)
        {
            return null;
        }

        await store.SetEnabledAsync(account.Id, enabled, reason, cancellationToken);
        if (enabled)
        {
            cooldowns.Clear(account.Id);
        }

        await registry.ReloadAsync(cancellationToken);
        return await FindViewAsync(account.Id, cancellationToken);
    }

    public async Task<bool> RemoveAsync(string idOrEmail, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(idOrEmail, cancellationToken) is not { } account || !await store.RemoveAsync(account.Id, cancellationToken))
        {
            return false;
        }

        cooldowns.Clear(account.Id);
        await registry.ReloadAsync(cancellationToken);
        return true;
    }

    public async Task<QuotaRefreshView?> RefreshQuotaAsync(string idOrEmail, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(idOrEmail, cancellationToken) is not { } account)
        {
            return null;
        }

        await registry.ReloadIfChangedAsync(cancellationToken);
        var error = await quota.RefreshAsync(account.Id, cancellationToken);
        return new QuotaRefreshView(account.Id, error, Quota(account.Id));
    }

    public async Task<IReadOnlyList<AccountQuotaView>> QuotasAsync(CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken);
        return [.. accounts.Select(a => new AccountQuotaView(a.Id, a.Email, Quota(a.Id)))];
    }

    public async Task<IReadOnlyList<CooldownView>> CooldownsAsync(string? accountId, CancellationToken cancellationToken)
    {
        var all = Cooldowns(await store.ListAsync(cancellationToken));
        return accountId is null ? all : [.. all.Where(c => c.AccountId == accountId)];
    }

    private async Task<AccountView?> FindViewAsync(string id, CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken);
        return accounts.FirstOrDefault(a => a.Id == id) is { } account ? View(account, Cooldowns(accounts)) : null;
    }

    private List<CooldownView> Cooldowns(IReadOnlyList<Account> accounts)
    {
        var emails = accounts.ToDictionary(a => a.Id, a => a.Email, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var result = cooldowns.Snapshot()
            .Select(e => new CooldownView(e.AccountId, emails.GetValueOrDefault(e.AccountId), e.Group, e.Pool, e.Kind.ToString(), e.CoolingUntil, e.ConsecutiveFailures))
            .ToList();
        foreach (var account in accounts)
        {
            if (account.CooldownUntil is { } until && until > now)
            {
                result.Add(new CooldownView(account.Id, account.Email, "", "", account.CooldownReason ?? "account", until, 0));
            }
        }

        return result;
    }

    private AccountView View(Account account, List<CooldownView> allCooldowns)
    {
        var own = allCooldowns.Where(c => c.AccountId == account.Id).ToList();
        var (status, reason) = !account.Enabled
            ? ("disabled", account.DisabledReason ?? "disabled")
            : account.VerificationUrl is { } url
                ? ("verify", "The upstream asks to verify this account (VALIDATION_REQUIRED): open " + url)
                : own.Count > 0
                    ? ("cooling", string.Join("; ", own.Select(c => $"{c.Kind}{(c.Group.Length > 0 ? $" on {c.Group}/{c.Pool}" : "")}")))
                    : ("ok", (string?)null);
        var fixedAccount = scheduling.CurrentValue.FixedAccount?.Trim();
        var isFixed = fixedAccount is { Length: > 0 }
            && (fixedAccount == account.Id || string.Equals(fixedAccount, account.Email, StringComparison.OrdinalIgnoreCase));
        var q = quota.Get(account.Id);
        var creditsView = new CreditsView(credits.CurrentValue.ModeFor(account.Id, account.Email), q.Credits?.Amount, q.Credits?.Minimum, q.CreditsUsable, q.CreditsExhausted);
        var pools = new PoolsView(q.GeminiCli switch { true => "available", false => "unsupported", null => "unknown" }, q.GeminiCliReason);
        var models = q.Catalogues.SelectMany(c => c.Models).Select(m => m.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return new AccountView(account.Id, account.Email, account.Tier.ToString(), account.Enabled, status, reason, account.ProjectId, isFixed,
            Quota(account.Id), own, account.AddedAt, account.VerificationUrl, creditsView, pools, models, q.UpdatedAt, q.Problems);
    }

    /// <summary>Both windows of each family (read or not: an unread window shows as unknown), then the image bucket when read.</summary>
    private List<QuotaView> Quota(string accountId)
    {
        var entries = quota.Entries(accountId);
        var views = new List<QuotaView>();
        foreach (var key in QuotaKeys.All)
        {
            var held = cooldowns.CoolingUntil(new RateLimitKey(accountId, key, QuotaPools.Antigravity));
            var family = QuotaKeys.IsWindow(key) ? key[..key.LastIndexOf('-')] : null;
            var window = QuotaKeys.IsWindow(key) ? QuotaKeys.WindowOf(key) : null;
            if (entries.FirstOrDefault(e => e.Group == key) is { } e)
            {
                views.Add(new QuotaView(e.Group, e.RemainingFraction, e.ResetTime, e.UpdatedAt, quota.IsProtected(accountId, [key]), family, window, e.Stale, e.Disabled, held));
            }
            else if (held is not null)
            {
                views.Add(new QuotaView(key, 0, held, time.GetUtcNow(), false, family, window, Stale: true, HeldUntil: held));
            }
        }

        return views;
    }
}
