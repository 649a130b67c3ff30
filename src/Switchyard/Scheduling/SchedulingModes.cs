namespace Switchyard.Scheduling;

/// <summary>What the scheduler does, resolved from <see cref="SchedulingOptions.Strategy"/> and <see cref="SchedulingOptions.Mode"/>.</summary>
/// <param name="Strategy">One of <see cref="SelectionPolicies"/>.</param>
/// <param name="BindSessions">Sessions stay on their account (step 2 of the pick).</param>
/// <param name="WaitOnBoundAccount">A limited bound account is waited for (up to MaxWaitSeconds) instead of rotated away from.</param>
internal sealed record EffectiveScheduling(string Strategy, bool BindSessions, bool WaitOnBoundAccount, string Description);

/// <summary>
/// The manager's scheduling modes mapped onto strategies and binding:
/// <code>
/// mode              strategy      session binding  limited bound account
/// CacheFirst        sticky        on               wait for it if it frees within MaxWaitSeconds, else rotate
/// Balance           hybrid        on               rotate at once (new sessions spread by health/tokens/LRU)
/// PerformanceFirst  round-robin   off              rotate at once (every request the next account)
/// (no mode)         Strategy      on unless round-robin; never waits for a bound account
/// </code>
/// This realises the manager's documented intent, which its code does not (there CacheFirst and Balance behave
/// the same and max_wait_seconds is read nowhere). Names are matched ignoring case, '_' and '-'.
/// </summary>
internal static class SchedulingModes
{
    public const string CacheFirst = "CacheFirst";
    public const string Balance = "Balance";
    public const string PerformanceFirst = "PerformanceFirst";

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
        if (TryNormalize(options.Mode, out var mode))
        {
            return mode switch
            {
                CacheFirst => new EffectiveScheduling(SelectionPolicies.Sticky, true, true, $"mode={CacheFirst}"),
                Balance => new EffectiveScheduling(SelectionPolicies.Hybrid, true, false, $"mode={Balance}"),
                _ => new EffectiveScheduling(SelectionPolicies.RoundRobin, false, false, $"mode={PerformanceFirst}"),
            };
        }

        var strategy = SelectionPolicies.TryNormalize(options.Strategy, out var s) ? s : SelectionPolicies.Hybrid;
        return new EffectiveScheduling(strategy, strategy != SelectionPolicies.RoundRobin, false, $"strategy={strategy}");
    }
}
