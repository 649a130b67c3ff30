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
    /// catalogue), a bare 429 held until another account serves the request; then, when the planner penalizes, the
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

        if (failure.IsBare && next is RetryDecision.Rotate)
        {
            trip.BareRateLimits.Add((key, failure));
        }

        if (next.Penalize)
        {
            cooldowns.Record(quota.WindowKeyFor(account.Id, trip.Route, trip.Pool, failure) ?? key, failure);
            scheduler.ReportFailure(account.Id, failure.Kind);
        }
    }

    /// <summary>
    /// No account could take the request: the last upstream answer if there was one, else 429 or 503; a 429 or 503 always
    /// carries Retry-After (the soonest reset known, else <see cref="RateLimitOptions.DefaultRetryAfterSeconds"/>).
    /// </summary>
    private static DispatchFailure Unavailable(SchedulingDecision decision, UpstreamFailure? lastFailure, string? lastBody, RateLimitOptions limits)
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

        return retryAfter is { } wait
            ? DispatchFailure.Own(429, $"Every account is rate-limited for this model ({decision.Reason}); retry after {RetryAfterHeader.Format(wait)} s.", wait)
            : DispatchFailure.Own(503, $"No account is available: {decision.Reason}.", fallback);
    }

    private static DispatchFailure GiveUp(RetryDecision.GiveUp giveUp, UpstreamFailure failure, string? body) =>
        giveUp.PassThrough || giveUp.ClientStatus == failure.Status
            ? DispatchFailure.FromUpstream(giveUp.ClientStatus, body, giveUp.RetryAfter)
            : DispatchFailure.Own(giveUp.ClientStatus, $"The upstream failed: {Describe(failure)} ({giveUp.Reason}).", giveUp.RetryAfter);

    private static string Describe(UpstreamFailure failure) =>
        (failure.Status == 0 ? "no answer" : failure.Status.ToString(CultureInfo.InvariantCulture)) + " " + failure.Kind
        + (failure.Message is { Length: > 0 } m ? ": " + m : "");
}
