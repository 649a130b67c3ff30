namespace Switchyard.RateLimits;

/// <summary>What went wrong with one upstream attempt (upstream-protocol §5.2–§5.4).</summary>
internal enum UpstreamFailureKind
{
    /// <summary>429 RATE_LIMIT_EXCEEDED or a per-minute text: short, per-account.</summary>
    RateLimited,

    /// <summary>429 QUOTA_EXHAUSTED or a quota/reset text: the model group's quota is used up until a reset.</summary>
    QuotaExhausted,

    /// <summary>MODEL_CAPACITY_EXHAUSTED (429 or 503), any 503 or 529: the model is overloaded for everyone.</summary>
    CapacityExhausted,

    /// <summary>
    /// A 429 that names no reason (the generic "Resource has been exhausted" template). Bare, with no delay either, it can
    /// be caused by the request itself (upstream-2026 §8.3): see <see cref="UpstreamFailure.IsBare"/>.
    /// </summary>
    UnknownRateLimit,

    /// <summary>500, 502, 504, 408 and other unexpected statuses: try another host.</summary>
    ServerError,

    /// <summary>No response at all (connect failure, reset, timeout). Status 0.</summary>
    Network,

    /// <summary>401: the access token was refused.</summary>
    Unauthorized,

    /// <summary>403 without a verification marker (e.g. SERVICE_DISABLED).</summary>
    Forbidden,

    /// <summary>403 VALIDATION_REQUIRED: the account must be verified by its owner.</summary>
    ValidationRequired,

    /// <summary>403 without details saying the service was disabled for a Terms of Service violation (upstream-2026 §7.4): permanent.</summary>
    TermsOfServiceBan,

    /// <summary>403 UNSUPPORTED_CLIENT: the gemini-cli pool is gone for this (personal) account (upstream-2026 §5); the account is fine.</summary>
    UnsupportedClient,

    /// <summary>429 INSUFFICIENT_G1_CREDITS_BALANCE: the account's Google One AI credits ran out (upstream-2026 §3.4).</summary>
    CreditsExhausted,

    /// <summary>404: the model is unknown on that host or not entitled for this account.</summary>
    NotFound,

    /// <summary>400: the request itself is wrong; pass it through.</summary>
    BadRequest,

    /// <summary>Any other 4xx: pass it through.</summary>
    ClientError,
}
