using System.Text.RegularExpressions;

namespace Switchyard.RateLimits;

/// <summary>
/// Turns an upstream error response into an <see cref="UpstreamFailure"/>. Reads the Google envelope
/// (upstream-protocol §5.1): <c>{"error":{code,message,status,details:[ErrorInfo, RetryInfo, …]}}</c>, also as
/// an array <c>[{"error":…}]</c>; falls back to plain text for HTML or other non-JSON bodies. Never throws.
/// </summary>
/// <remarks>
/// Delay, first found: RetryInfo.retryDelay → ErrorInfo metadata.quotaResetDelay (any detail) →
/// metadata.quotaResetTimeStamp → a delay in the message ("reset after 2h13m5s") → <c>retry-after-ms</c> →
/// <c>Retry-After</c> (seconds or HTTP date) → <c>error.retry_after</c>. No default here: the ladders supply one.
/// 403 kind: VALIDATION_REQUIRED (reason or markers), UNSUPPORTED_CLIENT, a Terms of Service ban (message), else Forbidden.
/// 429 kind: ErrorInfo reason first (INSUFFICIENT_G1_CREDITS_BALANCE is its own kind); else the message text (capacity → per-minute → explicit quota →
/// the generic "Resource has been exhausted" as unknown → any "exhausted"/"quota" as quota).
/// Unlike the TS plugin, "You have exhausted your capacity on this model" without a reason is quota, not capacity.
/// </remarks>
internal static partial class UpstreamErrorClassifier
{
    private const int MaxBodyChars = 256 * 1024;
    private const int MaxMessageChars = 500;

    private static readonly string[] ValidationMarkers =
        ["validation_required", "verify your account", "validation_url", "verification required", "account verification"];

    public static UpstreamFailure Classify(int status, IReadOnlyDictionary<string, string>? headers, string? body, DateTimeOffset now)
    {
        var envelope = ErrorEnvelope.Read(body);
        var text = envelope.Message ?? envelope.PlainText ?? string.Empty;
        var (delay, source, resetAt) = FindDelay(envelope, text, headers, now);
        var namesQuota = body?.Contains("QUOTA_EXHAUSTED", StringComparison.OrdinalIgnoreCase) == true;
        var kind = KindOf(status, envelope.Reason, text, body);
        return new UpstreamFailure(
            kind,
            status,
            delay,
            envelope.Reason,
            Cap(envelope.Message ?? envelope.PlainText),
            envelope.Model,
            resetAt,
            source,
            namesQuota,
            kind == UpstreamFailureKind.ValidationRequired ? envelope.ValidationUrl ?? FindValidationUrl(body) : null);
    }

    private static UpstreamFailureKind KindOf(int status, string? reason, string text, string? body) => status switch
    {
        <= 0 => UpstreamFailureKind.Network,
        400 => UpstreamFailureKind.BadRequest,
        401 => UpstreamFailureKind.Unauthorized,
        403 => IsValidation(reason, body) ? UpstreamFailureKind.ValidationRequired
            : reason == "UNSUPPORTED_CLIENT" || text.Contains("no longer supported for Gemini Code Assist", StringComparison.OrdinalIgnoreCase) ? UpstreamFailureKind.UnsupportedClient
            : IsTermsBan(text) ? UpstreamFailureKind.TermsOfServiceBan
            : UpstreamFailureKind.Forbidden,
        404 => UpstreamFailureKind.NotFound,
        408 => UpstreamFailureKind.ServerError,
        429 => KindOf429(reason, text),
        503 or 529 => UpstreamFailureKind.CapacityExhausted,
        >= 400 and < 500 => UpstreamFailureKind.ClientError,
        _ => UpstreamFailureKind.ServerError,
    };

    private static UpstreamFailureKind KindOf429(string? reason, string text)
    {
        switch (reason)
        {
            case "QUOTA_EXHAUSTED":
                return UpstreamFailureKind.QuotaExhausted;
            case "RATE_LIMIT_EXCEEDED":
                return UpstreamFailureKind.RateLimited;
            case "MODEL_CAPACITY_EXHAUSTED" or "MODEL_CAPACITY_EXCEEDED":
                return UpstreamFailureKind.CapacityExhausted;
            case "INSUFFICIENT_G1_CREDITS_BALANCE":
                return UpstreamFailureKind.CreditsExhausted;
        }

        var t = text.ToLowerInvariant();
        if (ContainsAny(t, "no capacity", "capacity available", "model_capacity", "overloaded"))
        {
            return UpstreamFailureKind.CapacityExhausted;
        }

        if (ContainsAny(t, "per minute", "rate limit", "rate_limit", "too many requests"))
        {
            return UpstreamFailureKind.RateLimited;
        }

        if (ContainsAny(t, "quota_exhausted", "quotaresetdelay", "quota will reset", "quota reset", "quota limit", "per day", "daily quota", "exhausted your capacity"))
        {
            return UpstreamFailureKind.QuotaExhausted;
        }

        if (ContainsAny(t, "resource has been exhausted", "resource exhausted", "resource_exhausted"))
        {
            return UpstreamFailureKind.UnknownRateLimit;
        }

        return ContainsAny(t, "exhausted", "quota") ? UpstreamFailureKind.QuotaExhausted : UpstreamFailureKind.UnknownRateLimit;
    }

    private static (TimeSpan? Delay, string? Source, DateTimeOffset? ResetAt) FindDelay(
        ErrorEnvelope envelope, string text, IReadOnlyDictionary<string, string>? headers, DateTimeOffset now)
    {
        DateTimeOffset? resetAt = null;
        TimeSpan stampDelay = default;
        var hasStamp = RetryDelayParser.TryParseTimestamp(envelope.QuotaResetTimeStamp, now, out stampDelay, out var at);
        if (hasStamp)
        {
            resetAt = at;
        }

        if (RetryDelayParser.TryParseDuration(envelope.RetryDelay, out var d))
        {
            return (d, "RetryInfo.retryDelay", resetAt);
        }

        if (RetryDelayParser.TryParseDuration(envelope.QuotaResetDelay, out d))
        {
            return (d, "quotaResetDelay", resetAt);
        }

        if (hasStamp)
        {
            return (stampDelay, "quotaResetTimeStamp", resetAt);
        }

        if (RetryDelayParser.TryFindInText(text, out d))
        {
            return (d, "message", resetAt);
        }

        if (headers is not null)
        {
            if (TryHeader(headers, "retry-after-ms", out var ms) && RetryDelayParser.TryParseMilliseconds(ms, out d) && d > TimeSpan.Zero)
            {
                return (d, "retry-after-ms", resetAt);
            }

            if (TryHeader(headers, "Retry-After", out var ra) && RetryDelayParser.TryParseRetryAfter(ra, now, out d))
            {
                return (d, "Retry-After", resetAt);
            }
        }

        if (RetryDelayParser.TryParseDuration(envelope.RetryAfter, out d))
        {
            return (d, "error.retry_after", resetAt);
        }

        return (null, null, resetAt);
    }

    private static bool TryHeader(IReadOnlyDictionary<string, string> headers, string name, out string? value)
    {
        if (headers.TryGetValue(name, out var v))
        {
            value = v;
            return true;
        }

        // The caller should pass a case-insensitive dictionary; do not rely on it.
        foreach (var (key, candidate) in headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>"This service has been disabled in this account for violation of Terms of Service…" (and the February form).</summary>
    private static bool IsTermsBan(string text) =>
        text.Contains("has been disabled", StringComparison.OrdinalIgnoreCase)
        && TermsViolation().IsMatch(text.Length > MaxMessageChars * 4 ? text[..(MaxMessageChars * 4)] : text);

    private static bool IsValidation(string? reason, string? body) =>
        reason == "VALIDATION_REQUIRED"
        || (body is not null && ValidationMarkers.Any(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)));

    private static string? FindValidationUrl(string? body)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            var urls = AccountsUrl().Matches(body.Length > MaxBodyChars ? body[..MaxBodyChars] : body).Select(m => m.Value).ToList();
            return urls.FirstOrDefault(u => u.Contains("plt=", StringComparison.Ordinal) || u.Contains("/signin/continue", StringComparison.Ordinal))
                ?? urls.FirstOrDefault();
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static bool ContainsAny(string text, params ReadOnlySpan<string> needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Cap(string? text) =>
        text is null ? null : text.Length <= MaxMessageChars ? text : text[..MaxMessageChars];

    [GeneratedRegex(@"violation\s+of\s+terms\s+of\s+service", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex TermsViolation();

    [GeneratedRegex(@"https://accounts\.google\.com/[^\s""'<>\\]+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex AccountsUrl();
}
