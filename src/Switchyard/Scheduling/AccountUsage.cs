namespace Switchyard.Scheduling;

/// <summary>
/// Per-account health, token bucket and last use, as stored (values as of their timestamps, which are
/// <see cref="TimeProvider.GetTimestamp"/> readings). <see cref="AccountHealth"/> turns them into current values.
/// </summary>
internal sealed record AccountUsage(double Health, long HealthAt, double Tokens, long TokensAt, long? LastUsedAt);

/// <summary>
/// The hybrid strategy's arithmetic (seed-plugin-inventory §2.3): health recovers linearly by
/// <see cref="HybridOptions.RecoveryPerHour"/> up to the maximum (continuously, where the plugin floors whole
/// hours and loses the rest on each update); tokens regenerate continuously up to the bucket size.
/// </summary>
internal static class AccountHealth
{
    public static double Health(AccountUsage? usage, long now, TimeProvider time, HybridOptions o)
    {
        if (usage is null)
        {
            return o.InitialHealth;
        }

        var hours = time.GetElapsedTime(usage.HealthAt, now).TotalHours;
        return usage.Health >= o.MaxHealth ? o.MaxHealth : Math.Min(o.MaxHealth, usage.Health + (Math.Max(0, hours) * o.RecoveryPerHour));
    }

    public static double Tokens(AccountUsage? usage, long now, TimeProvider time, HybridOptions o)
    {
        if (usage is null)
        {
            return Math.Min(o.InitialTokens, o.MaxTokens);
        }

        var minutes = time.GetElapsedTime(usage.TokensAt, now).TotalMinutes;
        return Math.Min(o.MaxTokens, usage.Tokens + (Math.Max(0, minutes) * o.TokensPerMinute));
    }

    /// <summary>Idle seconds for the freshness term; an account never used counts as idle for the whole cap.</summary>
    public static double IdleSeconds(AccountUsage? usage, long now, TimeProvider time, HybridOptions o) =>
        usage?.LastUsedAt is { } last ? Math.Min(o.FreshnessCapSeconds, time.GetElapsedTime(last, now).TotalSeconds) : o.FreshnessCapSeconds;

    /// <summary>2 × health + 5 × bucket % + 0.1 × min(idle s, 3600) with the defaults.</summary>
    public static double BaseScore(AccountUsage? usage, long now, TimeProvider time, HybridOptions o) =>
        (o.HealthWeight * Health(usage, now, time, o))
        + (o.TokenWeight * 100 * Tokens(usage, now, time, o) / o.MaxTokens)
        + (o.FreshnessWeight * IdleSeconds(usage, now, time, o));

    /// <summary>Applies a change to the current (recovered, regenerated) values and stamps them with <paramref name="now"/>.</summary>
    public static AccountUsage Apply(
        AccountUsage? usage, long now, TimeProvider time, HybridOptions o,
        double healthDelta = 0, double tokenDelta = 0, bool used = false)
    {
        var health = Math.Clamp(Health(usage, now, time, o) + healthDelta, 0, o.MaxHealth);
        var tokens = Math.Clamp(Tokens(usage, now, time, o) + tokenDelta, 0, o.MaxTokens);
        return new AccountUsage(health, now, tokens, now, used ? now : usage?.LastUsedAt);
    }
}
