using System.Globalization;
using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Dispatch;

internal sealed partial class UpstreamDispatcher
{
    /// <summary>
    /// No account could take the request: the last upstream answer if there was one, else 429 with Retry-After (503 when
    /// every account is cooling for capacity, which is not a rate limit), or 503.
    /// </summary>
    private DispatchFailure Unavailable(SchedulingDecision decision, UpstreamFailure? lastFailure, string? lastBody, RateLimitOptions limits, List<SchedulingCandidate> candidates, string group, string pool)
    {
        var capacityOnly = lastFailure is null && CoolingForCapacityOnly(candidates, group, pool);
        var retryAfter = decision.Delay
            ?? (lastFailure is { IsTimeLimited: true } ? lastFailure.RetryDelay ?? TimeSpan.FromSeconds(limits.DefaultRetryAfterSeconds) : null);
        if (lastFailure is not null)
        {
            var status = RetryPlanner.ClientStatusFor(lastFailure);
            return status == lastFailure.Status
                ? DispatchFailure.FromUpstream(status, lastBody, retryAfter)
                : DispatchFailure.Own(status, $"No account could serve the request ({decision.Reason}); the last upstream answer was {Describe(lastFailure)}.", retryAfter);
        }

        return retryAfter is { } wait
            ? capacityOnly
                ? DispatchFailure.Own(503, $"The model is out of capacity on every account ({decision.Reason}); retry after {RetryAfterHeader.Format(wait)} s.", wait)
                : DispatchFailure.Own(429, $"Every account is rate-limited for this model ({decision.Reason}); retry after {RetryAfterHeader.Format(wait)} s.", wait)
            : DispatchFailure.Own(503, $"No account is available: {decision.Reason}.");
    }

    /// <summary>
    /// The answer when the fallback pool could not serve either: the first pool's last failure (its status, body and
    /// Retry-After), or, when the scheduler moved before any send, the quota exhaustion that made it move.
    /// </summary>
    private DispatchFailure Original(Fallback fallback, string group, string primaryPool, List<SchedulingCandidate> candidates, RateLimitOptions limits)
    {
        if (fallback.Failure is { } failure)
        {
            var status = RetryPlanner.ClientStatusFor(failure);
            var retryAfter = failure.IsTimeLimited ? failure.RetryDelay ?? TimeSpan.FromSeconds(limits.DefaultRetryAfterSeconds) : (TimeSpan?)null;
            return status == failure.Status
                ? DispatchFailure.FromUpstream(status, fallback.Body, retryAfter)
                : DispatchFailure.Own(status, $"The upstream failed: {Describe(failure)}.", retryAfter);
        }

        var reset = candidates
            .Select(c => cooldowns.Remaining(new RateLimitKey(c.AccountId, group, primaryPool)))
            .Where(r => r > TimeSpan.Zero)
            .DefaultIfEmpty(TimeSpan.FromSeconds(limits.DefaultRetryAfterSeconds))
            .Min();
        return DispatchFailure.Own(429, $"The quota for this model is exhausted on every account; retry after {RetryAfterHeader.Format(reset)} s.", reset);
    }

    /// <summary>Some account is cooling in <paramref name="pool"/>, and every one that is cools after a capacity failure.</summary>
    private bool CoolingForCapacityOnly(List<SchedulingCandidate> candidates, string group, string pool)
    {
        var kinds = candidates.Where(c => c.Enabled)
            .Select(c => cooldowns.Status(new RateLimitKey(c.AccountId, group, pool)))
            .Where(s => s.Remaining > TimeSpan.Zero)
            .Select(s => s.Kind)
            .ToList();
        return kinds.Count > 0 && kinds.TrueForAll(k => k == UpstreamFailureKind.CapacityExhausted);
    }

    /// <summary>What made the request move to the fallback pool: the first pool's last failure, if one was seen.</summary>
    private sealed record Fallback(UpstreamFailure? Failure, string? Body);

    private static DispatchFailure GiveUp(RetryDecision.GiveUp giveUp, UpstreamFailure failure, string? body) =>
        giveUp.PassThrough || giveUp.ClientStatus == failure.Status
            ? DispatchFailure.FromUpstream(giveUp.ClientStatus, body, giveUp.RetryAfter)
            : DispatchFailure.Own(giveUp.ClientStatus, $"The upstream failed: {Describe(failure)} ({giveUp.Reason}).", giveUp.RetryAfter);

    private static string Describe(UpstreamFailure failure) =>
        (failure.Status == 0 ? "no answer" : failure.Status.ToString(CultureInfo.InvariantCulture)) + " " + failure.Kind
        + (failure.Message is { Length: > 0 } m ? ": " + m : "");
}
