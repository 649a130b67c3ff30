using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchyard.RateLimits;

/// <summary>
/// Parses the delay formats the upstream and HTTP use. Every method returns false (or null) on bad input
/// and never throws. Delays are clamped to <see cref="MaxDelay"/> so no arithmetic can overflow.
/// </summary>
internal static partial class RetryDelayParser
{
    /// <summary>The longest delay any parser returns (7 days; Google's quota resets are at most a week out).</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    private const int MaxInputLength = 64;

    /// <summary>
    /// A Go-style or protobuf duration: <c>33740.91s</c>, <c>9h22m20.91s</c>, <c>2h13m5s</c>, <c>500ms</c>,
    /// <c>1h16m0.667s</c>, <c>1.5s</c>; units ns, us, µs, ms, s, m, h; a bare number means seconds.
    /// </summary>
    public static bool TryParseDuration(string? text, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        if (s.Length > MaxInputLength)
        {
            return false;
        }

        if (double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare))
        {
            return TryFromSeconds(bare, out delay);
        }

        double total = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            double? factor = s[unitStart..i] switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 1e-3,
                "us" or "µs" or "μs" => 1e-6,
                "ns" => 1e-9,
                _ => null,
            };
            if (factor is null)
            {
                return false;
            }

            total += number * factor.Value;
        }

        return TryFromSeconds(total, out delay);
    }

    /// <summary>
    /// An HTTP <c>Retry-After</c> value: delta seconds (a decimal is accepted) or an HTTP date. A date in the
    /// past gives zero (as <c>RetryAfterHelper</c> does).
    /// </summary>
    public static bool TryParseRetryAfter(string? value, DateTimeOffset now, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        if (double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromSeconds(seconds, out delay);
        }

        if (DateTimeOffset.TryParseExact(trimmed, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            return TryUntil(date, now, out delay);
        }

        return false;
    }

    /// <summary>The non-standard <c>retry-after-ms</c> header: a positive number of milliseconds.</summary>
    public static bool TryParseMilliseconds(string? value, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        return double.TryParse(value?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms)
            && TryFromSeconds(ms / 1000, out delay);
    }

    /// <summary>An RFC 3339 timestamp (<c>quotaResetTimeStamp</c>) as a delay from <paramref name="now"/>; past → zero.</summary>
    public static bool TryParseTimestamp(string? value, DateTimeOffset now, out TimeSpan delay, out DateTimeOffset at)
    {
        delay = TimeSpan.Zero;
        at = default;
        if (string.IsNullOrWhiteSpace(value)
            || !DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
        {
            return false;
        }

        return TryUntil(at, now, out delay);
    }

    /// <summary>
    /// A delay written in a message: "reset after 2h13m5s.", "retry after 30s", "try again in 5m 3s",
    /// "quota will reset in 45 seconds", "wait 10s". The first match wins.
    /// </summary>
    public static bool TryFindInText(string? text, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            var compact = CompactPhrase().Match(text);
            if (compact.Success && TryParseDuration(compact.Groups["d"].Value.Replace(" ", string.Empty, StringComparison.Ordinal), out delay))
            {
                return true;
            }

            var worded = WordedPhrase().Match(text);
            if (worded.Success
                && double.TryParse(worded.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                var unit = worded.Groups["u"].Value.ToUpperInvariant();
                var seconds = unit.StartsWith("MS", StringComparison.Ordinal) || unit.StartsWith("MILLI", StringComparison.Ordinal) ? n / 1000
                    : unit.StartsWith("MIN", StringComparison.Ordinal) ? n * 60
                    : unit.StartsWith('H') ? n * 3600
                    : n;
                return TryFromSeconds(seconds, out delay);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological message; treat as "no delay given".
        }

        return false;
    }

    private static bool TryFromSeconds(double seconds, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (double.IsNaN(seconds) || seconds < 0)
        {
            return false;
        }

        delay = seconds >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static bool TryUntil(DateTimeOffset at, DateTimeOffset now, out TimeSpan delay)
    {
        var seconds = (at - now).TotalSeconds;
        return TryFromSeconds(Math.Max(0, seconds), out delay);
    }

    // "reset after 2h13m5s." — the components touch (or are one space apart), so a full stop ends the match.
    [GeneratedRegex(@"(?:reset after|reset in|retry after|retry in|try again in|backoff for|wait)\s+(?<d>\d+(?:\.\d+)?(?:ms|h|m|s)(?: ?\d+(?:\.\d+)?(?:ms|h|m|s))*)(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex CompactPhrase();

    [GeneratedRegex(@"(?:reset after|reset in|retry after|retry in|try again in|backoff for|wait)\s+(?<n>\d+(?:\.\d+)?)\s*(?<u>milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex WordedPhrase();
}
