namespace Switchyard.RateLimits;

/// <summary>
/// One failed upstream attempt, as a value (DESIGN decision 2). Built by <see cref="UpstreamErrorClassifier"/>.
/// </summary>
/// <param name="Kind">The classification that drives the retry decision.</param>
/// <param name="Status">HTTP status, 0 for a network failure.</param>
/// <param name="RetryDelay">A delay the upstream asked for, if it gave one (never negative).</param>
/// <param name="Reason">ErrorInfo <c>reason</c> (QUOTA_EXHAUSTED, RATE_LIMIT_EXCEEDED, …), if any.</param>
/// <param name="Message">The error message (unwrapped from a double-wrapped Claude error), capped in length.</param>
/// <param name="Model">ErrorInfo <c>metadata.model</c>, if any.</param>
/// <param name="ResetAt">ErrorInfo <c>metadata.quotaResetTimeStamp</c>, if any (wall time).</param>
/// <param name="DelaySource">Where <paramref name="RetryDelay"/> came from, for traces.</param>
/// <param name="NamesQuotaExhausted">The body contains <c>QUOTA_EXHAUSTED</c> anywhere.</param>
/// <param name="ValidationUrl">A verification link from a VALIDATION_REQUIRED body.</param>
internal sealed record UpstreamFailure(
    UpstreamFailureKind Kind,
    int Status,
    TimeSpan? RetryDelay = null,
    string? Reason = null,
    string? Message = null,
    string? Model = null,
    DateTimeOffset? ResetAt = null,
    string? DelaySource = null,
    bool NamesQuotaExhausted = false,
    string? ValidationUrl = null)
{
    /// <summary>A failure with no HTTP response (connection refused, reset, timeout).</summary>
    public static UpstreamFailure Network(string message) => new(UpstreamFailureKind.Network, 0, Message: message);

    /// <summary>A 429 of any kind (rate limit, quota, unknown); capacity is separate.</summary>
    public bool IsRateLimit => Kind is UpstreamFailureKind.RateLimited or UpstreamFailureKind.QuotaExhausted or UpstreamFailureKind.UnknownRateLimit;

    /// <summary>Limits that pass with time: the rate-limit kinds and capacity.</summary>
    public bool IsTimeLimited => IsRateLimit || Kind == UpstreamFailureKind.CapacityExhausted;

    /// <summary>
    /// A 429 with no reason and no delay: it may be request-scoped (a prompt-content block, upstream-2026 §8.3), so it is
    /// not held against the account until another account serves the same request.
    /// </summary>
    public bool IsBare => Kind == UpstreamFailureKind.UnknownRateLimit && Reason is null && RetryDelay is null;
}
