namespace Switchyard.Scheduling;

/// <summary>What the scheduler does, resolved from <see cref="SchedulingOptions.Strategy"/> and <see cref="SchedulingOptions.Mode"/>.</summary>
/// <param name="Strategy">One of <see cref="SelectionPolicies"/>.</param>
/// <param name="BindSessions">Sessions stay on their account (step 2 of the pick).</param>
/// <param name="WaitOnBoundAccount">A limited bound account is waited for (up to MaxWaitSeconds) instead of rotated away from.</param>
internal sealed record EffectiveScheduling(string Strategy, bool BindSessions, bool WaitOnBoundAccount, string Description)
{
    /// <summary>The manager's reuse window (zero: off).</summary>
    public TimeSpan ReuseWindow { get; init; }

    /// <summary>The strategy picks within the highest tier that has room (ULTRA, then PRO, then FREE).</summary>
    public bool TierFirst { get; init; } = true;

    /// <summary>New sessions start at a per-session offset within that tier.</summary>
    public bool SpreadNewSessions { get; init; }

    /// <summary>The mode when one is set.</summary>
    public string? Mode { get; init; }
}

/// <summary>
/// The manager's scheduling modes mapped onto strategies and binding:
/// <code>
/// mode              strategy      session binding  limited bound account                           reuse window
/// CacheFirst        sticky        on               wait for it if it frees within MaxWaitSeconds, else rotate   60 s
/// Balance           hybrid        on               rotate at once (new sessions spread by health/tokens/LRU)    60 s
/// PerformanceFirst  round-robin   off              rotate at once (every request the next account)              off
/// (no mode)         Strategy      on unless round-robin; never waits for a bound account                       off
/// </code>
/// <c>ReuseWindowSeconds</c> overrides the window of any row. Every strategy but round-robin picks within the highest
/// tier that has room (reset-aware only with <c>ResetAware:TierFirst</c>); round-robin rotates over every tier.
/// This realises the manager's documented intent, which its code does not (there CacheFirst and Balance behave
/// the same and max_wait_seconds is read nowhere). Names are matched ignoring case, '_' and '-'.
/// </summary>
internal static class SchedulingModes
{
    public const string CacheFirst = "CacheFirst";
    public const string Balance = "Balance";
    public const string PerformanceFirst = "PerformanceFirst";

    /// <summary>The manager's window: a request within 60 s of the last one reuses that account.</summary>
    public const int DefaultReuseWindowSeconds = 60;

    public static IReadOnlyList<string> All { get; } = [CacheFirst, Balance, PerformanceFirst];

    public static bool TryNormalize(string? mode, out string normalized)
    {
        var squashed = (mode ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace("_", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();
        normalized = squashed switch
        {
            "cachefirst" => CacheFirst,
            "balance" => Balance,
            "performancefirst" => PerformanceFirst,
            _ => string.Empty,
        };
        return normalized.Length > 0;
    }

    /// <summary>Unknown names (rejected at start by the validator) resolve to the hybrid default.</summary>
    public static EffectiveScheduling Resolve(SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EffectiveScheduling resolved;
        var managerWindow = 0;
        if (TryNormalize(options.Mode, out var mode))
        {
            resolved = mode switch
            {
                CacheFirst => new EffectiveScheduling(SelectionPolicies.Sticky, true, true, $"mode={CacheFirst}"),
                Balance => new EffectiveScheduling(SelectionPolicies.Hybrid, true, false, $"mode={Balance}"),
                _ => new EffectiveScheduling(SelectionPolicies.RoundRobin, false, false, $"mode={PerformanceFirst}"),
            };
            managerWindow = mode == PerformanceFirst ? 0 : DefaultReuseWindowSeconds;
            resolved = resolved with { Mode = mode };
        }
        else
        {
            var strategy = SelectionPolicies.TryNormalize(options.Strategy, out var s) ? s : SelectionPolicies.Hybrid;
            resolved = new EffectiveScheduling(strategy, strategy != SelectionPolicies.RoundRobin, false, $"strategy={strategy}");
        }

        return resolved with
        {
            ReuseWindow = TimeSpan.FromSeconds(options.ReuseWindowSeconds ?? managerWindow),
            TierFirst = resolved.Strategy switch
            {
                SelectionPolicies.RoundRobin => false,
                SelectionPolicies.ResetAware => options.ResetAware?.TierFirst ?? false,
                _ => true,
            },
            SpreadNewSessions = options.SpreadNewSessions,
        };
    }
}
