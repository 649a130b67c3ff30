namespace Switchyard.Scheduling;

/// <summary>
/// A strategy that picks one account out of the usable ones (YARP's <c>ILoadBalancingPolicy</c>).
/// The scheduler has already removed disabled, cooling, protected and tried accounts and ordered the rest by
/// tier, then remaining quota, then id; a policy that sees equal choices takes the earlier one.
/// </summary>
internal interface IAccountSelectionPolicy
{
    /// <summary>One of <see cref="SelectionPolicies"/>.</summary>
    string Name { get; }

    /// <summary>The pick, or null when the policy finds none acceptable (the scheduler then falls back to sticky).</summary>
    SchedulingCandidate? Pick(IReadOnlyList<SchedulingCandidate> available, PolicyContext context);
}

/// <summary>What a policy may read besides the candidates.</summary>
/// <param name="Scope">Model group and pool, e.g. <c>claude|antigravity</c>: cursors and current accounts are per scope.</param>
/// <param name="Ordered">Every enabled account in tie-break order (for "the next one after").</param>
/// <param name="Current">The account this session (or, without a session, this scope) used last; may be unusable now.</param>
/// <param name="Offset">Where a new session starts (parallel sessions spread over accounts); 0 when no spreading was asked for.</param>
/// <param name="ResetAware">The reset-aware weights (null: defaults).</param>
/// <param name="Scores">Filled by scoring policies with each candidate's score and its parts (the decision trace).</param>
internal sealed record PolicyContext(
    string Scope,
    IReadOnlyList<SchedulingCandidate> Ordered,
    string? Current,
    int Offset,
    ISchedulingStateStore Store,
    TimeProvider Time,
    HybridOptions Hybrid,
    ResetAwareOptions? ResetAware = null,
    Dictionary<string, ScoreTrace>? Scores = null);

/// <summary>Policy names, as configured in <c>Scheduling:Strategy</c>.</summary>
internal static class SelectionPolicies
{
    /// <summary>Stay on an account until it is limited, then take the next one.</summary>
    public const string Sticky = "sticky";

    /// <summary>The next account on every request.</summary>
    public const string RoundRobin = "round-robin";

    /// <summary>Health score + token bucket + least recently used, with stickiness.</summary>
    public const string Hybrid = "hybrid";

    /// <summary>Hybrid plus the pressure of quota that resets soon (<see cref="ResetPressure"/>): spend what would be wasted.</summary>
    public const string ResetAware = "reset-aware";

    public static IReadOnlyList<string> All { get; } = [Sticky, RoundRobin, Hybrid, ResetAware];

    public static IReadOnlyList<IAccountSelectionPolicy> CreateDefaults() =>
        [new StickyPolicy(), new RoundRobinPolicy(), new HybridPolicy(), new HybridPolicy(resetAware: true)];

    /// <summary>Accepts any case and <c>_</c> for <c>-</c> (<c>round_robin</c>, <c>RoundRobin</c>).</summary>
    public static bool TryNormalize(string? name, out string normalized)
    {
        var squashed = (name ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace("_", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();
        normalized = squashed switch
        {
            "sticky" => Sticky,
            "roundrobin" => RoundRobin,
            "hybrid" => Hybrid,
            "resetaware" => ResetAware,
            _ => string.Empty,
        };
        return normalized.Length > 0;
    }
}
