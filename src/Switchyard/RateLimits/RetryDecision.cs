namespace Switchyard.RateLimits;

/// <summary>
/// What the request pipeline does after a failed attempt. <see cref="Penalize"/> says whether the failure goes to
/// <see cref="CooldownTracker.Record"/> and the account's health (false while the account still gets another chance
/// on another host or after a brief backoff).
/// </summary>
internal abstract record RetryDecision(bool Penalize, string Reason)
{
    /// <summary>Send again to the same account and host after <paramref name="Delay"/> (a short 429 delay).</summary>
    internal sealed record RetrySameAccount(TimeSpan Delay, bool Penalize, string Reason) : RetryDecision(Penalize, Reason);

    /// <summary>Wait <paramref name="Delay"/>, then send again to the same account and host (capacity backoff, CacheFirst wait).</summary>
    internal sealed record WaitThenRetry(TimeSpan Delay, bool Penalize, string Reason) : RetryDecision(Penalize, Reason);

    /// <summary>Refresh this account's access token once, then send again.</summary>
    internal sealed record RefreshTokenThenRetry(string Reason) : RetryDecision(false, Reason);

    /// <summary>Send the same request to the next host in the spec's order, same account.</summary>
    internal sealed record NextHost(string Reason) : RetryDecision(false, Reason);

    /// <summary>
    /// Forced rotation: add the account to the request's tried set and pick again with <c>ForceRotate</c>
    /// (the session binding is skipped and the conversation rebinds to the new account).
    /// </summary>
    internal sealed record Rotate(bool Penalize, string Reason) : RetryDecision(Penalize, Reason);

    /// <summary>Pick again in <paramref name="Pool"/> (Gemini quota exhausted in antigravity on every account).</summary>
    internal sealed record SwitchPool(string Pool, string Reason) : RetryDecision(true, Reason);

    /// <summary>
    /// Answer the client. <paramref name="PassThrough"/>: send the upstream status and message in the client's
    /// envelope (400s). Otherwise send <paramref name="ClientStatus"/> with <paramref name="RetryAfter"/> if set.
    /// After the first byte the pipeline ends the stream with an in-protocol error event instead.
    /// </summary>
    internal sealed record GiveUp(int ClientStatus, TimeSpan? RetryAfter, bool PassThrough, bool Penalize, string Reason) : RetryDecision(Penalize, Reason);
}
