using Microsoft.Extensions.Options;
using Switchyard.RateLimits;

namespace Switchyard.Scheduling;

/// <summary>
/// Picks the account for one attempt. Order: fixed account → the session's bound account (unless the mode
/// turns binding off or the request forces rotation) → the reuse window (the scope's last account, picked less than
/// ReuseWindowSeconds ago) → the strategy, within the highest tier that has room unless the strategy rotates over every
/// tier. Never picks an account that is disabled, cooling for this group and pool (or account-wide), below its
/// quota-protection threshold, or already tried; an account ahead of its weekly pace only when none on pace is free.
/// When none is usable: wait for the soonest rate-limited account if it frees within MaxWaitSeconds (counting what the
/// request already waited), else unavailable with that delay as Retry-After. Every decision carries its reasoning as
/// data (<see cref="SchedulingDecision.Details"/>). Thread-safe; reads <see cref="SchedulingOptions"/> on every call so
/// runtime settings apply at once.
/// </summary>
internal sealed partial class AccountScheduler
{
    private readonly IOptionsMonitor<SchedulingOptions> _options;
    private readonly ISchedulingStateStore _store;
    private readonly CooldownTracker _cooldowns;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, IAccountSelectionPolicy> _policies;
    private readonly IAccountSelectionPolicy _sticky;

    public AccountScheduler(
        IOptionsMonitor<SchedulingOptions> options,
        ISchedulingStateStore store,
        CooldownTracker cooldowns,
        TimeProvider time,
        IEnumerable<IAccountSelectionPolicy> policies)
    {
        _options = options;
        _store = store;
        _cooldowns = cooldowns;
        _time = time;
        _policies = new Dictionary<string, IAccountSelectionPolicy>(StringComparer.Ordinal);
        foreach (var policy in SelectionPolicies.CreateDefaults().Concat(policies))
        {
            _policies[policy.Name] = policy;
        }

        _sticky = _policies[SelectionPolicies.Sticky];
    }

    /// <summary>The strategy, binding and waiting rules in force now.</summary>
    public EffectiveScheduling Effective => SchedulingModes.Resolve(_options.CurrentValue);

    public SchedulingDecision Pick(IReadOnlyList<SchedulingCandidate> candidates, SchedulingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(request);
        var options = _options.CurrentValue;
        var effective = SchedulingModes.Resolve(options);
        var trace = new DecisionTraceBuilder(effective) { AlreadyWaitedSeconds = request.AlreadyWaited.TotalSeconds };
        var tried = request.Tried ?? new HashSet<string>();
        var ordered = Order(candidates);
        trace.Candidates(ordered, _time.GetUtcNow(), (options.ResetAware ?? new ResetAwareOptions()).MinHoursToReset);
        if (ordered.Count == 0)
        {
            return Unavailable(request.Pool, "no enabled account", null, trace);
        }

        var pool = request.Pool;
        var (eligible, lastResort) = Eligible(ordered, request, pool, tried, trace);
        if (eligible.Count == 0 && request.FallbackPool is { } fallback && fallback != pool && QuotaHoldsBackEvery(ordered, request, pool)
            && Eligible(ordered, request, fallback, tried, trace: null).Eligible.Count > 0)
        {
            trace.Note($"no account free in {pool}: using {fallback}");
            trace.FallbackFrom = pool;
            (pool, eligible) = (fallback, Eligible(ordered, request, fallback, tried, trace).Eligible);
        }

        var lastResortCredits = false;
        if (eligible.Count == 0 && lastResort.Count > 0)
        {
            trace.Note("no free quota left on any account: credits as the last resort");
            (eligible, lastResortCredits) = (lastResort, true);
        }

        var scope = request.Group + "|" + pool;

        // 1. Fixed account.
        if (options.FixedAccount is { Length: > 0 } fixedName)
        {
            var fixedAccount = ordered.FirstOrDefault(c => c.AccountId == fixedName || c.Email.Equals(fixedName, StringComparison.OrdinalIgnoreCase));
            if (fixedAccount is not null && eligible.Contains(fixedAccount))
            {
                return Select(fixedAccount, pool, scope, request, effective, "fixed account", trace, lastResortCredits);
            }

            trace.Note($"fixed account {fixedName} not usable");
        }

        // 2. Session binding.
        string? bound = null;
        if (effective.BindSessions && request.SessionKey is { } sessionKey)
        {
            bound = _store.GetBinding(sessionKey, request.Group);
            trace.NewSession = bound is null;
            trace.Session = new SessionTrace(sessionKey, bound, bound is null ? "new" : "kept");
            if (bound is not null && request.ForceRotate)
            {
                trace.Session = trace.Session with { Binding = "forced-rotation" };
                trace.Note($"forced rotation away from {bound}");
            }
            else if (bound is not null)
            {
                var boundAccount = eligible.FirstOrDefault(c => c.AccountId == bound);
                if (boundAccount is not null)
                {
                    return Select(boundAccount, pool, scope, request, effective, "session binding", trace, lastResortCredits);
                }

                var waitable = effective.WaitOnBoundAccount && !tried.Contains(bound)
                    ? ordered.FirstOrDefault(c => c.AccountId == bound && !c.ProtectionReached)
                    : null;
                if (waitable is not null
                    && Limit(bound, request, request.Pool) is { Kind: { } kind } status
                    && IsTimeLimited(kind)
                    && WithinWaitBudget(status.Remaining, request, options))
                {
                    trace.Session = trace.Session with { Binding = "waiting" };
                    trace.Note($"bound account {bound} frees in {Seconds(status.Remaining)}: waiting (prompt cache)");
                    return Decide(SchedulingOutcome.Wait, waitable, request.Pool, "wait for the bound account", status.Remaining, trace);
                }

                trace.Session = trace.Session with { Binding = "rebound" };
                trace.Note($"bound account {bound} not usable: rebinding");
            }
        }
        else if (request.SessionKey is { } unboundKey)
        {
            trace.Session = new SessionTrace(unboundKey, null, "none");
        }

        // 3. Nothing usable: wait or give up.
        if (eligible.Count == 0)
        {
            return AllLimited(ordered, request, options, tried, trace);
        }

        // 4. The reuse window, then the strategy.
        return Strategy(eligible, ordered, request, options, effective, pool, scope, bound, trace, lastResortCredits);
    }

    /// <summary>Whether any account other than the tried ones is usable now for (group, pool) on free quota.</summary>
    public bool HasAvailable(IReadOnlyList<SchedulingCandidate> candidates, string group, string pool, IReadOnlySet<string>? tried, IReadOnlyList<string>? windowKeys = null)
    {
        var request = new SchedulingRequest(null, group, pool, WindowKeys: windowKeys);
        return Eligible(Order(candidates), request, pool, tried ?? new HashSet<string>(), trace: null).Eligible.Count > 0;
    }

    /// <summary>Binds <paramref name="sessionKey"/> to <paramref name="accountId"/> again for the group, when the mode binds sessions.</summary>
    public void Rebind(string sessionKey, string group, string accountId)
    {
        if (SchedulingModes.Resolve(_options.CurrentValue).BindSessions)
        {
            _store.SetBinding(sessionKey, group, accountId);
        }
    }

    private static List<SchedulingCandidate> Order(IReadOnlyList<SchedulingCandidate> candidates) =>
        candidates.Where(c => c.Enabled)
            .OrderBy(c => c.Tier)
            .ThenByDescending(c => c.RemainingFraction ?? -1)
            .ThenBy(c => c.AccountId, StringComparer.Ordinal)
            .ToList();

    private SchedulingDecision Select(
        SchedulingCandidate account, string pool, string scope, SchedulingRequest request, EffectiveScheduling effective, string reason,
        DecisionTraceBuilder trace, bool lastResortCredits)
    {
        if (effective.BindSessions && request.SessionKey is { } key)
        {
            _store.SetBinding(key, request.Group, account.AccountId);
        }

        _store.SetCurrent(scope, account.AccountId);
        var o = _options.CurrentValue.Hybrid;
        var now = _time.GetTimestamp();
        _store.UpdateUsage(account.AccountId, u => AccountHealth.Apply(u, now, _time, o, tokenDelta: -o.TokenCost, used: true));
        var credits = pool == QuotaPools.Antigravity && (lastResortCredits || account.Credits == CreditUse.Always);
        trace.Mark(account.AccountId, "picked");
        trace.AddFinal($"picked {account.AccountId} ({reason}{(credits ? ", credits" : "")})");
        return new SchedulingDecision(SchedulingOutcome.Selected, account, pool, reason, null, trace.Lines, credits)
        {
            Details = trace.Build(SchedulingOutcome.Selected, reason, pool, account.AccountId, credits, lastResortCredits, null),
        };
    }

    private static SchedulingDecision Decide(SchedulingOutcome outcome, SchedulingCandidate account, string pool, string reason, TimeSpan delay, DecisionTraceBuilder trace) =>
        new(outcome, account, pool, reason, delay, trace.Lines)
        {
            Details = trace.Build(outcome, reason, pool, account.AccountId, false, false, delay),
        };

    private static SchedulingDecision Unavailable(string pool, string reason, TimeSpan? retryAfter, DecisionTraceBuilder trace)
    {
        trace.AddFinal(reason);
        return new SchedulingDecision(SchedulingOutcome.Unavailable, null, pool, reason, retryAfter, trace.Lines)
        {
            Details = trace.Build(SchedulingOutcome.Unavailable, reason, pool, null, false, false, retryAfter),
        };
    }

    private static bool WithinWaitBudget(TimeSpan wait, SchedulingRequest request, SchedulingOptions options) =>
        options.MaxWaitSeconds > 0 && request.AlreadyWaited + wait <= TimeSpan.FromSeconds(options.MaxWaitSeconds);

    private static bool IsTimeLimited(UpstreamFailureKind kind) =>
        kind is UpstreamFailureKind.RateLimited or UpstreamFailureKind.QuotaExhausted
            or UpstreamFailureKind.UnknownRateLimit or UpstreamFailureKind.CapacityExhausted;

    private static string Seconds(TimeSpan t) => DecisionTraceBuilder.Seconds(t);
}
