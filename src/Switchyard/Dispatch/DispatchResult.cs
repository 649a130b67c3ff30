namespace Switchyard.Dispatch;

/// <summary>
/// Why a trip ended without a served response, for the front door to answer in the client's own envelope:
/// with <see cref="Message"/> the gateway's own words at <see cref="Status"/>, without it the upstream's
/// <see cref="UpstreamBody"/> carried over. <see cref="RetryAfter"/> becomes the <c>Retry-After</c> header.
/// </summary>
internal sealed record DispatchFailure(int Status, string? Message, string? UpstreamBody = null, TimeSpan? RetryAfter = null)
{
    /// <summary>The gateway's own error.</summary>
    public static DispatchFailure Own(int status, string message, TimeSpan? retryAfter = null) => new(status, message, null, retryAfter);

    /// <summary>The upstream's error, carried over in the client's envelope.</summary>
    public static DispatchFailure FromUpstream(int status, string? body, TimeSpan? retryAfter = null) => new(status, null, body, retryAfter);
}

/// <summary>The outcome of one trip: a served attempt (its body not yet read) or a failure. Exactly one is set.</summary>
internal readonly record struct DispatchResult(UpstreamAttempt? Attempt, DispatchFailure? Failure)
{
    public static DispatchResult Served(UpstreamAttempt attempt) => new(attempt, null);

    public static DispatchResult Failed(DispatchFailure failure) => new(null, failure);
}
