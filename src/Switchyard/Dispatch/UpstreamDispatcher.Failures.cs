using System.Globalization;
using Switchyard.Accounts;
using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Dispatch;

internal sealed partial class UpstreamDispatcher
{
    /// <summary>
    /// Attributes a failure before anything is cooled (DESIGN decision 10): an account check (verification, a ban), the
    /// account's gemini-cli pool, its credits, the model on this account (a 404 on every host: the id leaves its
    /// catalogue), a bare 429 or a 5xx on every host held until another account serves the request; then, when the planner penalizes, the
    /// family window (a quota 429) or the group.
    /// </summary>
    private async Task AttributeAsync(DispatchTrip trip, Account account, RateLimitKey key, UpstreamFailure failure, RetryDecision next, string model)
    {
        switch (failure.Kind)
        {
            case UpstreamFailureKind.ValidationRequired:
                await checks.VerificationRequiredAsync(account.Id, failure.ValidationUrl, CancellationToken.None);
                break;
            case UpstreamFailureKind.TermsOfServiceBan:
                await checks.BannedAsync(account.Id, failure.Message, CancellationToken.None);
                break;
            case UpstreamFailureKind.UnsupportedClient when trip.Pool == QuotaPools.GeminiCli:
                quota.MarkGeminiCli(account.Id, false, failure.Message);
                break;
            case UpstreamFailureKind.CreditsExhausted:
                quota.MarkCreditsExhausted(account.Id);
                break;
            case UpstreamFailureKind.NotFound when next is RetryDecision.Rotate:
                quota.MarkModelMissing(account.Id, model);
                break;
        }

        if ((failure.IsBare || failure.Kind == UpstreamFailureKind.ServerError) && next is RetryDecision.Rotate { Penalize: false })
        {
            // Held, not recorded: maybe the request's own until another account serves it.
            trip.HeldFailures.Add((key, failure));
        }

        if (next.Penalize)
        {
            cooldowns.Record(quota.WindowKeyFor(account.Id, trip.Route, trip.Pool, failure) ?? key, failure);
            scheduler.ReportFailure(account.Id, failure.Kind);
        }
    }

    /// <summary>
    /// The request failed after bare 429s that were held, not recorded (request-scoped until proven otherwise): the
    /// session goes back to the account it was on, so one refused request does not move the conversation (and its
    /// prompt cache) to another account.
    /// </summary>
    private void KeepBindingAfterBare(DispatchTrip trip)
    {
        if (trip.HeldFailures.Count > 0 && trip.SessionKey is { } session)
        {
            scheduler.Rebind(session.Value, trip.Route.Group, trip.HeldFailures[0].Key.AccountId);
        }
    }

    /// <summary>
    /// No account could take the request: the last upstream answer if there was one, else 429 (503 when every account is
    /// cooling for capacity, which is not a rate limit) or 503; a 429 or 503 always carries Retry-After (the soonest reset
    /// known, else <see cref="RateLimitOptions.DefaultRetryAfterSeconds"/>).
    /// </summary>
    private DispatchFailure Unavailable(SchedulingDecision decision, UpstreamFailure? lastFailure, string? lastBody, RateLimitOptions limits,
        List<SchedulingCandidate> candidates, DispatchTrip trip)
    {
        var fallback = TimeSpan.FromSeconds(limits.DefaultRetryAfterSeconds);
        var retryAfter = decision.Delay
            ?? (lastFailure is { IsTimeLimited: true } ? lastFailure.RetryDelay ?? fallback : null);
        if (lastFailure is not null)
        {
            var status = RetryPlanner.ClientStatusFor(lastFailure);
            retryAfter ??= status is 429 or 503 ? fallback : null;
            return status == lastFailure.Status
                ? DispatchFailure.FromUpstream(status, lastBody, retryAfter)
                : DispatchFailure.Own(status, $"No account could serve the request ({decision.Reason}); the last upstream answer was {Describe(lastFailure)}.", retryAfter);
        }

        if (retryAfter is not { } wait)
        {
            return DispatchFailure.Own(503, $"No account is available: {decision.Reason}.", fallback);
        }

        var kinds = CoolingKinds(candidates, trip);
        return kinds.Count == 0 || kinds.Exists(k => k is UpstreamFailureKind.RateLimited or UpstreamFailureKind.QuotaExhausted or UpstreamFailureKind.UnknownRateLimit)
            ? DispatchFailure.Own(429, $"Every account is rate-limited for this model ({decision.Reason}); retry after {RetryAfterHeader.Format(wait)} s.", wait)
            : kinds.TrueForAll(k => k == UpstreamFailureKind.CapacityExhausted)
                ? DispatchFailure.Own(503, $"The model is out of capacity on every account ({decision.Reason}); retry after {RetryAfterHeader.Format(wait)} s.", wait)
                : DispatchFailure.Own(503, $"Every account is resting after upstream failures ({decision.Reason}); retry after {RetryAfterHeader.Format(wait)} s.", wait);
    }

    /// <summary>
    /// The answer when the fallback pool could not serve either: the first pool's last failure (its status, body and
    /// Retry-After), or, when the scheduler moved before any send, the quota exhaustion that made it move, with the
    /// soonest reset of the first pool (its group or the model's family windows) as Retry-After.
    /// </summary>
    private DispatchFailure Original(FallbackCause cause, DispatchTrip trip, List<SchedulingCandidate> candidates, RateLimitOptions limits)
    {
        if (cause.Failure is { } failure)
        {
            var status = RetryPlanner.ClientStatusFor(failure);
            var retryAfter = failure.IsTimeLimited || status is 429 or 503
                ? failure.RetryDelay ?? TimeSpan.FromSeconds(limits.DefaultRetryAfterSeconds)
                : (TimeSpan?)null;
            return status == failure.Status
                ? DispatchFailure.FromUpstream(status, cause.Body, retryAfter)
                : DispatchFailure.Own(status, $"The upstream failed: {Describe(failure)}.", retryAfter);
        }

        var reset = candidates
            .Where(c => c.Enabled)
            .Select(c => Cooldowns(c.AccountId, trip).Select(s => s.Remaining).DefaultIfEmpty(TimeSpan.Zero).Max())
            .Where(r => r > TimeSpan.Zero)
            .DefaultIfEmpty(TimeSpan.FromSeconds(limits.DefaultRetryAfterSeconds))
            .Min();
        return DispatchFailure.Own(429, $"The quota for this model is exhausted on every account; retry after {RetryAfterHeader.Format(reset)} s.", reset);
    }

    /// <summary>
    /// The kinds of the cooldowns running on the enabled accounts in the request's first pool: a rate limit or quota among
    /// them makes the all-limited answer a 429; capacity or failures alone make it a 503 (neither is a rate limit).
    /// </summary>
    private List<UpstreamFailureKind?> CoolingKinds(List<SchedulingCandidate> candidates, DispatchTrip trip) =>
        [.. candidates.Where(c => c.Enabled).SelectMany(c => Cooldowns(c.AccountId, trip)).Select(s => s.Kind)];

    /// <summary>The account's running cooldowns for the request in its first pool: the group, and the family windows there.</summary>
    private IEnumerable<(TimeSpan Remaining, UpstreamFailureKind? Kind)> Cooldowns(string accountId, DispatchTrip trip)
    {
        var keys = trip.PrimaryPool == QuotaPools.Antigravity ? trip.WindowKeys.Prepend(trip.Route.Group) : [trip.Route.Group];
        foreach (var key in keys)
        {
            var status = cooldowns.Status(new RateLimitKey(accountId, key, trip.PrimaryPool));
            if (status.Remaining > TimeSpan.Zero)
            {
                yield return status;
            }
        }
    }

    private static DispatchFailure GiveUp(RetryDecision.GiveUp giveUp, UpstreamFailure failure, string? body) =>
        giveUp.PassThrough || giveUp.ClientStatus == failure.Status
            ? DispatchFailure.FromUpstream(giveUp.ClientStatus, body, giveUp.RetryAfter)
            : DispatchFailure.Own(giveUp.ClientStatus, $"The upstream failed: {Describe(failure)} ({giveUp.Reason}).", giveUp.RetryAfter);

    private static string Describe(UpstreamFailure failure) =>
        (failure.Status == 0 ? "no answer" : failure.Status.ToString(CultureInfo.InvariantCulture)) + " " + failure.Kind
        + (failure.Message is { Length: > 0 } m ? ": " + m : "");
}
