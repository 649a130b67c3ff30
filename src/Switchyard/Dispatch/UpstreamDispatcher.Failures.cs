using System.Globalization;
using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Dispatch;

internal sealed partial class UpstreamDispatcher
{
    /// <summary>No account could take the request: the last upstream answer if there was one, else 429 or 503.</summary>
    private static DispatchFailure Unavailable(SchedulingDecision decision, UpstreamFailure? lastFailure, string? lastBody, RateLimitOptions limits)
    {
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
            ? DispatchFailure.Own(429, $"Every account is rate-limited for this model ({decision.Reason}); retry after {RetryAfterHeader.Format(wait)} s.", wait)
            : DispatchFailure.Own(503, $"No account is available: {decision.Reason}.");
    }

    private static DispatchFailure GiveUp(RetryDecision.GiveUp giveUp, UpstreamFailure failure, string? body) =>
        giveUp.PassThrough || giveUp.ClientStatus == failure.Status
            ? DispatchFailure.FromUpstream(giveUp.ClientStatus, body, giveUp.RetryAfter)
            : DispatchFailure.Own(giveUp.ClientStatus, $"The upstream failed: {Describe(failure)} ({giveUp.Reason}).", giveUp.RetryAfter);

    private static string Describe(UpstreamFailure failure) =>
        (failure.Status == 0 ? "no answer" : failure.Status.ToString(CultureInfo.InvariantCulture)) + " " + failure.Kind
        + (failure.Message is { Length: > 0 } m ? ": " + m : "");
}
