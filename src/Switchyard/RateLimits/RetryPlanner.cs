namespace Switchyard.RateLimits;

/// <summary>
/// Decides what follows a failed attempt. Pure: the same failure and state give the same decision
/// (jitter comes from the injected random source).
/// </summary>
/// <remarks>
/// The table, checked top to bottom (S = <see cref="RateLimitOptions.ShortRetrySeconds"/>, 2 s by default):
/// <code>
/// condition                                              decision                       penalize
/// a byte already reached the client                      GiveUp(mapped status)          as if leaving
/// 400                                                    GiveUp(400, pass through)      no
/// other 4xx (402, 409, 413, …)                           GiveUp(status, pass through)   no
/// sends so far ≥ MaxAttempts                             GiveUp(mapped status, delay)   as if leaving
/// 401, token not yet refreshed                           RefreshTokenThenRetry          no
/// 401 after a refresh                                    Rotate                         yes
/// 403 VALIDATION_REQUIRED                                Rotate (account cools 10 min)  yes
/// 403 Terms of Service ban                               Rotate (account disabled)      yes
/// 403 UNSUPPORTED_CLIENT (gemini-cli pool gone)          Rotate                         no
/// 429 INSUFFICIENT_G1_CREDITS_BALANCE                    Rotate (credits off)           no
/// 403 other, 404, 5xx, 408, network; another host left   NextHost                       no
/// 404 on the last host                                   Rotate (the id leaves the      no
///                                                          account's catalogue)
/// 403 other, 5xx, 408, network on the last host          Rotate                         yes
/// capacity (503/529/MODEL_CAPACITY), tries left on host  WaitThenRetry(server delay, or  no
///                                                          min(1 s·2^n, 8 s) ±10 %)
/// capacity, no tries left, another host left             NextHost                       no
/// capacity on the last host                              Rotate (cools 45 ± 15 s)       yes
/// bare 429 (no reason, no delay), a second account       GiveUp(429, request-scoped)    no
/// bare 429 on the first account                          Rotate (held until another     no
///                                                          account serves the request)
/// 429 with delay ≤ S, quick retry not used yet           RetrySameAccount(delay)        no
/// 429 QUOTA, fallback pool known, no other account free  SwitchPool(gemini-cli)         yes
/// 429, delay ≤ the mode's same-account wait budget       WaitThenRetry(delay)           yes
///   (CacheFirst only; no delay given → the ladder's first step)
/// any other 429                                          Rotate                         yes
/// </code>
/// Mapped client statuses: 429 kinds → 429 with Retry-After; capacity → 503 with Retry-After; 5xx and network → 502;
/// 401/403 → 503 (a 401/403 would tell the client its own key is wrong); 404 → 404. After a Rotate the scheduler
/// answers with a Wait or an Unavailable (429 + Retry-After) when no account is left.
/// </remarks>
internal static class RetryPlanner
{
    public static RetryDecision Decide(UpstreamFailure failure, AttemptState state, RateLimitOptions options, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(state);
        var kind = failure.Kind;
        if (kind is UpstreamFailureKind.BadRequest or UpstreamFailureKind.ClientError)
        {
            return new RetryDecision.GiveUp(failure.Status, null, PassThrough: true, Penalize: false, "client error: pass through");
        }

        if (state.ResponseStarted)
        {
            return GiveUp(failure, options, "response already started");
        }

        if (state.Attempt >= state.MaxAttempts)
        {
            return GiveUp(failure, options, $"attempt limit {state.MaxAttempts} reached");
        }

        switch (kind)
        {
            case UpstreamFailureKind.Unauthorized:
                return state.TokenRefreshed
                    ? new RetryDecision.Rotate(true, "401 after a token refresh")
                    : new RetryDecision.RefreshTokenThenRetry("401: refresh the token once");
            case UpstreamFailureKind.ValidationRequired:
                return new RetryDecision.Rotate(true, "403 VALIDATION_REQUIRED: account needs verification");
            case UpstreamFailureKind.TermsOfServiceBan:
                return new RetryDecision.Rotate(true, "403 Terms of Service ban: account disabled");
            case UpstreamFailureKind.UnsupportedClient:
                return new RetryDecision.Rotate(false, "403 UNSUPPORTED_CLIENT: no gemini-cli pool on this account");
            case UpstreamFailureKind.CreditsExhausted:
                return new RetryDecision.Rotate(false, "429 INSUFFICIENT_G1_CREDITS_BALANCE: credits off for this account");
            case UpstreamFailureKind.NotFound:
                return state.HasNextHost
                    ? new RetryDecision.NextHost($"{Describe(failure)}: next host")
                    : new RetryDecision.Rotate(false, $"{Describe(failure)} on the last host: the model leaves this account's catalogue");
            case UpstreamFailureKind.ServerError when !state.HasNextHost:
                // A 5xx on every host may be the request's own (a body the upstream always fails on): one other account,
                // and when that fails too the client hears it and no account is cooled. A success elsewhere proves it
                // was the account's, and the held failure is recorded then.
                return state.ServerErrors > 0
                    ? new RetryDecision.GiveUp(ClientStatusFor(failure), null, PassThrough: false, Penalize: false,
                        $"{Describe(failure)} on a second account: the request's own, no account cooled")
                    : new RetryDecision.Rotate(false, $"{Describe(failure)} on every host: maybe the request's own; one other account before blaming this one");
            case UpstreamFailureKind.Forbidden or UpstreamFailureKind.ServerError or UpstreamFailureKind.Network:
                return state.HasNextHost
                    ? new RetryDecision.NextHost($"{Describe(failure)}: next host")
                    : new RetryDecision.Rotate(true, $"{Describe(failure)} on the last host");
            case UpstreamFailureKind.CapacityExhausted:
                return Capacity(failure, state, options, random);
            default:
                return RateLimit(failure, state, options, random);
        }
    }

    /// <summary>The status a client gets when the request ends on this failure.</summary>
    public static int ClientStatusFor(UpstreamFailure failure) => failure.Kind switch
    {
        UpstreamFailureKind.RateLimited or UpstreamFailureKind.QuotaExhausted or UpstreamFailureKind.UnknownRateLimit
            or UpstreamFailureKind.CreditsExhausted => 429,
        UpstreamFailureKind.CapacityExhausted => 503,
        UpstreamFailureKind.Unauthorized or UpstreamFailureKind.Forbidden or UpstreamFailureKind.ValidationRequired
            or UpstreamFailureKind.TermsOfServiceBan or UpstreamFailureKind.UnsupportedClient => 503,
        UpstreamFailureKind.NotFound => 404,
        UpstreamFailureKind.BadRequest or UpstreamFailureKind.ClientError => failure.Status,
        _ => 502,
    };

    private static RetryDecision Capacity(UpstreamFailure failure, AttemptState state, RateLimitOptions options, IRandomSource random)
    {
        var maxWait = TimeSpan.FromSeconds(options.CapacityRetryMaxSeconds);
        if (state.CapacityRetriesOnHost < options.CapacityRetriesPerHost && (failure.RetryDelay is null || failure.RetryDelay <= maxWait))
        {
            var delay = failure.RetryDelay ?? BackoffLadders.CapacityRetry(state.CapacityRetriesOnHost, options, random);
            return new RetryDecision.WaitThenRetry(delay, false, $"capacity: retry {state.CapacityRetriesOnHost + 1}/{options.CapacityRetriesPerHost} on this host");
        }

        return state.HasNextHost
            ? new RetryDecision.NextHost("capacity: next host")
            : new RetryDecision.Rotate(true, "capacity on every host");
    }

    private static RetryDecision RateLimit(UpstreamFailure failure, AttemptState state, RateLimitOptions options, IRandomSource random)
    {
        var label = Describe(failure);
        if (failure.IsBare)
        {
            // Request-scoped until proven otherwise (upstream-2026 §8.3): one other account, then the client hears it.
            return state.BareRateLimits > 0
                ? new RetryDecision.GiveUp(429, TimeSpan.FromSeconds(options.DefaultRetryAfterSeconds), PassThrough: false, Penalize: false,
                    $"{label} on a second account: request-scoped, no account cooled")
                : new RetryDecision.Rotate(false, $"{label}: maybe request-scoped; one other account before blaming this one");
        }

        if (failure.RetryDelay is { } given
            && given <= TimeSpan.FromSeconds(options.ShortRetrySeconds)
            && state.SameAccountRetries < options.SameAccountRetries)
        {
            return new RetryDecision.RetrySameAccount(given, false, $"{label}: short delay, same account");
        }

        if (failure.Kind == UpstreamFailureKind.QuotaExhausted && state.FallbackPool is { } pool && !state.OtherAccountsAvailable)
        {
            return new RetryDecision.SwitchPool(pool, $"{label} on every account: switch to the {pool} pool");
        }

        var expected = failure.RetryDelay ?? BackoffLadders.For(failure.Kind, 1, options, random);
        if (expected <= state.SameAccountWaitBudget)
        {
            return new RetryDecision.WaitThenRetry(expected, true, $"{label}: wait for the same account (prompt cache)");
        }

        return new RetryDecision.Rotate(true, $"{label}: rotate");
    }

    private static RetryDecision.GiveUp GiveUp(UpstreamFailure failure, RateLimitOptions options, string why)
    {
        var status = ClientStatusFor(failure);
        var retryAfter = failure.IsTimeLimited || status is 429 or 503
            ? failure.RetryDelay ?? TimeSpan.FromSeconds(options.DefaultRetryAfterSeconds)
            : (TimeSpan?)null;
        var penalize = !failure.IsBare && failure.Kind is not (UpstreamFailureKind.BadRequest or UpstreamFailureKind.ClientError
            or UpstreamFailureKind.NotFound or UpstreamFailureKind.UnsupportedClient or UpstreamFailureKind.CreditsExhausted);
        return new RetryDecision.GiveUp(status, retryAfter, PassThrough: false, penalize, $"{Describe(failure)}: {why}");
    }

    private static string Describe(UpstreamFailure failure) =>
        failure.Status == 0 ? $"network ({failure.Kind})" : $"{failure.Status} {failure.Kind}";
}
