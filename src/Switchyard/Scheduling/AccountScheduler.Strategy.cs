using System.Globalization;
using Switchyard.RateLimits;

namespace Switchyard.Scheduling;

internal sealed partial class AccountScheduler
{
    /// <summary>
    /// Step 4 of the pick: pacing (accounts ahead of their weekly pace only when none on pace is free), the reuse window,
    /// the tier (the highest tier with room, unless the strategy rotates over every tier), the offset (only when the
    /// setting or the client's header asks for spreading), then the strategy.
    /// </summary>
    private SchedulingDecision Strategy(
        List<SchedulingCandidate> eligible, List<SchedulingCandidate> ordered, SchedulingRequest request, SchedulingOptions options,
        EffectiveScheduling effective, string pool, string scope, string? bound, DecisionTraceBuilder trace, bool lastResortCredits)
    {
        var onPace = eligible.FindAll(c => c.Pace != PaceState.Ahead);
        if (onPace.Count > 0 && onPace.Count < eligible.Count)
        {
            foreach (var ahead in eligible.Where(c => c.Pace == PaceState.Ahead))
            {
                trace.Skip(ahead.AccountId, "pacing", "ahead of its weekly pace");
            }

            eligible = onPace;
        }
        else if (onPace.Count == 0)
        {
            trace.Note("every usable account is ahead of its weekly pace");
        }

        // The manager's reuse window: a request soon after the last pick, outside a bound conversation, stays there.
        if (effective.ReuseWindow > TimeSpan.Zero && !request.ForceRotate && bound is null
            && _store.GetLastPick(scope) is { } last
            && _time.GetElapsedTime(last.At) < effective.ReuseWindow
            && eligible.Find(c => c.AccountId == last.AccountId) is { } reuse)
        {
            trace.Note($"reuse window: {reuse.AccountId} picked {Seconds(_time.GetElapsedTime(last.At))} ago");
            return Select(reuse, pool, scope, request, effective, "reuse window", trace, lastResortCredits);
        }

        var isNewSession = request.SessionKey is not null && bound is null;
        var spread = request.OffsetHint is not null || (effective.SpreadNewSessions && isNewSession);
        var offset = request.OffsetHint ?? (spread ? (int)(_store.Increment("sessions:" + scope) % int.MaxValue) : 0);
        if (spread)
        {
            (trace.Offset, trace.OffsetSource) = (offset, request.OffsetHint is null ? "setting" : "header");
        }

        var current = bound ?? (request.SessionKey is null ? _store.GetCurrent(scope) : null);
        var scores = new Dictionary<string, ScoreTrace>(StringComparer.Ordinal);
        var context = new PolicyContext(scope, ordered, current, offset, _store, _time, options.Hybrid, options.ResetAware, scores);
        var policy = _policies.GetValueOrDefault(effective.Strategy, _sticky);
        SchedulingCandidate? picked = null;
        var reason = policy.Name;

        // Tier first: the highest tier whose accounts the strategy accepts (a tier of only unhealthy accounts has no room).
        foreach (var tier in effective.TierFirst ? eligible.Select(c => c.Tier).Distinct().Order().ToList() : [])
        {
            var inTier = eligible.FindAll(c => c.Tier == tier);
            if (policy.Pick(inTier, context) is { } hit)
            {
                picked = hit;
                trace.Tier = DecisionTraceBuilder.TierName(tier);
                foreach (var lower in eligible.Where(c => c.Tier > tier))
                {
                    trace.Skip(lower.AccountId, "lower-tier", $"a {trace.Tier} account has room");
                }

                break;
            }

            foreach (var c in inTier)
            {
                trace.Mark(c.AccountId, "eligible", code: "filtered");
            }
        }

        if (!effective.TierFirst)
        {
            picked = policy.Pick(eligible, context);
        }

        if (picked is null)
        {
            trace.Note($"{policy.Name}: no account passes its filters; sticky fallback");
            picked = _sticky.Pick(eligible, context) ?? eligible[0];
            reason = SelectionPolicies.Sticky + " (fallback)";
        }

        trace.Scores(scores);
        if (isNewSession)
        {
            trace.Add(spread ? $"new session, offset {offset.ToString(CultureInfo.InvariantCulture)}" : "new session");
        }

        return Select(picked, pool, scope, request, effective, reason, trace, lastResortCredits);
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
}
