namespace Switchyard.RateLimits;

/// <summary>Formats a delay as an HTTP <c>Retry-After</c> value: whole seconds, rounded up, at least 1.</summary>
internal static class RetryAfterHeader
{
    public static string Format(TimeSpan delay) =>
        Seconds(delay).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static long Seconds(TimeSpan delay) => Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds));
}
