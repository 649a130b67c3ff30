namespace Switchyard.RateLimits;

/// <summary>
/// Where one client request stands when an attempt fails; the request pipeline keeps it and updates it with
/// <c>with</c> after each decision.
/// </summary>
/// <param name="Attempt">Upstream sends made for this request so far, including the one that failed (1-based).</param>
/// <param name="MaxAttempts">The bound on sends per request (<c>Scheduling:MaxAttempts</c>).</param>
/// <param name="HostIndex">Index of the host that answered, in the spec's fallback order.</param>
/// <param name="HostCount">Hosts in that order for this pool (prod only for gemini-cli).</param>
/// <param name="CapacityRetriesOnHost">Capacity retries already made on this account and host.</param>
/// <param name="SameAccountRetries">Quick 429 retries already made on this account.</param>
/// <param name="TokenRefreshed">The access token was already refreshed after a 401 for this account.</param>
/// <param name="ResponseStarted">A byte already reached the client: no retry is possible (commit rule).</param>
/// <param name="FallbackPool">The pool to move to when quota is exhausted here (gemini-cli for Gemini on antigravity), or null.</param>
/// <param name="OtherAccountsAvailable">Some other account is usable for this group and pool right now.</param>
/// <param name="SameAccountWaitBudget">How long the mode lets the request wait for this account (CacheFirst: the rest of MaxWait).</param>
/// <param name="BareRateLimits">Bare 429s (no reason, no delay) this request already got from other accounts.</param>
/// <param name="ServerErrors">Other accounts that already answered this request with a 5xx on every host.</param>
internal sealed record AttemptState(
    int Attempt = 1,
    int MaxAttempts = 10,
    int HostIndex = 0,
    int HostCount = 1,
    int CapacityRetriesOnHost = 0,
    int SameAccountRetries = 0,
    bool TokenRefreshed = false,
    bool ResponseStarted = false,
    string? FallbackPool = null,
    bool OtherAccountsAvailable = true,
    TimeSpan SameAccountWaitBudget = default,
    int BareRateLimits = 0,
    int ServerErrors = 0)
{
    public bool HasNextHost => HostIndex + 1 < HostCount;
}
