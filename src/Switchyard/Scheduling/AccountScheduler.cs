using System.Globalization;
using Microsoft.Extensions.Options;
using Switchyard.RateLimits;

namespace Switchyard.Scheduling;

/// <summary>
/// Picks the account for one attempt. Order: fixed account → the session's bound account (unless the mode
/// turns binding off or the request forces rotation) → the strategy. Never picks an account that is disabled,
/// cooling for this group and pool (or account-wide), below its quota-protection threshold, or already tried.
/// When none is usable: wait for the soonest rate-limited account if it frees within MaxWaitSeconds (counting
/// what the request already waited), else unavailable with that delay as Retry-After.
/// Thread-safe; reads <see cref="SchedulingOptions"/> on every call so runtime settings apply at once.
/// </summary>
internal sealed partial class AccountScheduler
{
    private const int MaxTraceEntries = 24;

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
        var trace = new Trace();
        trace.Add(effective.Description);
        var tried = request.Tried ?? new HashSet<string>();
        var ordered = Order(candidates);
        if (ordered.Count == 0)
        {
            return Unavailable(request.Pool, "no enabled account", null, trace);
        }

        var pool = request.Pool;
        var (eligible, lastResort) = Eligible(ordered, request, pool, tried, trace);
        if (eligible.Count == 0 && request.FallbackPool is { } fallback && fallback != pool && QuotaHoldsBackEvery(ordered, request, pool))
        {
            var (inFallback, _) = Eligible(ordered, request, fallback, tried, trace);
            if (inFallback.Count > 0)
            {
                trace.Add($"no account free in {pool}: using {fallback}");
                (pool, eligible) = (fallback, inFallback);
            }
        }

        var lastResortCredits = false;
        if (eligible.Count == 0 && lastResort.Count > 0)
        {
            trace.Add("no free quota left on any account: credits as the last resort");
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

            trace.Add($"fixed account {fixedName} not usable");
        }

        // 2. Session binding.
        string? bound = null;
        if (effective.BindSessions && request.SessionKey is { } sessionKey)
        {
            bound = _store.GetBinding(sessionKey, request.Group);
            if (bound is not null && request.ForceRotate)
            {
                trace.Add($"forced rotation away from {bound}");
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
                    trace.Add($"bound account {bound} frees in {Seconds(status.Remaining)}: waiting (prompt cache)");
                    return new SchedulingDecision(SchedulingOutcome.Wait, waitable, request.Pool, "wait for the bound account", status.Remaining, trace.Items);
                }

                trace.Add($"bound account {bound} not usable: rebinding");
            }
        }

        // 3. Nothing usable: wait or give up.
        if (eligible.Count == 0)
        {
            return AllLimited(ordered, request, options, tried, trace);
        }

        // 4. Strategy.
        var isNewSession = request.SessionKey is not null && bound is null;
        var offset = request.OffsetHint
            ?? (isNewSession ? (int)(_store.Increment("sessions:" + scope) % int.MaxValue) : 0);
        var current = bound ?? (request.SessionKey is null ? _store.GetCurrent(scope) : null);
        var context = new PolicyContext(scope, ordered, current, offset, _store, _time, options.Hybrid);
        var policy = _policies.GetValueOrDefault(effective.Strategy, _sticky);
        var picked = policy.Pick(eligible, context);
        var reason = policy.Name;
        if (picked is null)
        {
            trace.Add($"{policy.Name}: no account passes its filters; sticky fallback");
            picked = _sticky.Pick(eligible, context) ?? eligible[0];
            reason = SelectionPolicies.Sticky + " (fallback)";
        }

        if (isNewSession)
        {
            trace.Add($"new session, offset {offset.ToString(CultureInfo.InvariantCulture)}");
        }

        return Select(picked, pool, scope, request, effective, reason, trace, lastResortCredits);
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

    /// <summary>A 2xx from the account: health +reward.</summary>
    public void ReportSuccess(string accountId)
    {
        var o = _options.CurrentValue.Hybrid;
        var now = _time.GetTimestamp();
        _store.UpdateUsage(accountId, u => AccountHealth.Apply(u, now, _time, o, healthDelta: o.SuccessReward, used: true));
    }

    /// <summary>
    /// A penalized failure (see <see cref="RetryDecision.Penalize"/>): 429s cost health and refund the token;
    /// capacity and network failures refund the token; verification, 401/403 and failing on every host cost
    /// the failure penalty; 404 and client errors cost nothing.
    /// </summary>
    public void ReportFailure(string accountId, UpstreamFailureKind kind)
    {
        var o = _options.CurrentValue.Hybrid;
        var now = _time.GetTimestamp();
        var (health, tokens) = kind switch
        {
            UpstreamFailureKind.RateLimited or UpstreamFailureKind.QuotaExhausted or UpstreamFailureKind.UnknownRateLimit => (-o.RateLimitPenalty, o.TokenCost),
            UpstreamFailureKind.CapacityExhausted => (0, o.TokenCost),
            UpstreamFailureKind.Network => (-o.FailurePenalty, o.TokenCost),
            UpstreamFailureKind.ServerError or UpstreamFailureKind.Unauthorized
                or UpstreamFailureKind.Forbidden or UpstreamFailureKind.ValidationRequired => (-o.FailurePenalty, 0),
            _ => (0.0, 0.0),
        };
        if (health != 0 || tokens != 0)
        {
            _store.UpdateUsage(accountId, u => AccountHealth.Apply(u, now, _time, o, health, tokens));
        }
    }

    private static List<SchedulingCandidate> Order(IReadOnlyList<SchedulingCandidate> candidates) =>
        candidates.Where(c => c.Enabled)
            .OrderBy(c => c.Tier)
            .ThenByDescending(c => c.RemainingFraction ?? -1)
            .ThenBy(c => c.AccountId, StringComparer.Ordinal)
            .ToList();

    private SchedulingDecision Select(
        SchedulingCandidate account, string pool, string scope, SchedulingRequest request, EffectiveScheduling effective, string reason, Trace trace,
        bool lastResortCredits)
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
        trace.AddFinal($"picked {account.AccountId} ({reason}{(credits ? ", credits" : "")})");
        return new SchedulingDecision(SchedulingOutcome.Selected, account, pool, reason, null, trace.Items, credits);
    }

    private static SchedulingDecision Unavailable(string pool, string reason, TimeSpan? retryAfter, Trace trace)
    {
        trace.AddFinal(reason);
        return new SchedulingDecision(SchedulingOutcome.Unavailable, null, pool, reason, retryAfter, trace.Items);
    }

    private static bool WithinWaitBudget(TimeSpan wait, SchedulingRequest request, SchedulingOptions options) =>
        options.MaxWaitSeconds > 0 && request.AlreadyWaited + wait <= TimeSpan.FromSeconds(options.MaxWaitSeconds);

    private static bool IsTimeLimited(UpstreamFailureKind kind) =>
        kind is UpstreamFailureKind.RateLimited or UpstreamFailureKind.QuotaExhausted
            or UpstreamFailureKind.UnknownRateLimit or UpstreamFailureKind.CapacityExhausted;

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";

    /// <summary>Trace lines, capped so a large pool cannot grow a header without bound.</summary>
    private sealed class Trace
    {
        private readonly List<string> _items = [];

        public IReadOnlyList<string> Items => _items;

        public void Add(string line)
        {
            if (_items.Count < MaxTraceEntries)
            {
                _items.Add(line);
            }
            else if (_items.Count == MaxTraceEntries)
            {
                _items.Add("…");
            }
        }

        /// <summary>The outcome line, kept even when the cap was reached.</summary>
        public void AddFinal(string line) => _items.Add(line);
    }
}
