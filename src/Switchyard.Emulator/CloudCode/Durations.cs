using System.Globalization;
using System.Text;

namespace Switchyard.Emulator.CloudCode;

/// <summary>The duration spellings Google uses in error bodies.</summary>
internal static class Durations
{
    /// <summary>protobuf Duration JSON, to the nanosecond as Google sends it: <c>"33740.91s"</c>, <c>"577210.725405548s"</c>, <c>"40s"</c>.</summary>
    public static string Seconds(TimeSpan delay)
    {
        var ticks = Math.Max(0, delay.Ticks);
        return (ticks / (decimal)TimeSpan.TicksPerSecond).ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>
    /// Go's <c>Duration.String</c>: <c>"9h22m20.91s"</c>, <c>"160h20m10.7254055s"</c>; under a second in
    /// milliseconds, <c>"479.4172ms"</c>.
    /// </summary>
    public static string Go(TimeSpan delay)
    {
        if (delay > TimeSpan.Zero && delay < TimeSpan.FromSeconds(1))
        {
            return (delay.Ticks / (decimal)TimeSpan.TicksPerMillisecond).ToString("0.######", CultureInfo.InvariantCulture) + "ms";
        }

        return GoCore(delay, fraction: true);
    }

    /// <summary>
    /// The wording of a summary bucket's description: <c>3 days, 2 hours</c>, <c>4 hours, 10 minutes</c>,
    /// <c>1 minute</c> (upstream-2026 §1.2).
    /// </summary>
    public static string Human(TimeSpan delay)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        static string Unit(long n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? "" : "s");
        var days = (long)delay.TotalDays;
        if (days > 0)
        {
            return $"{Unit(days, "day")}, {Unit(delay.Hours, "hour")}";
        }

        var hours = (long)delay.TotalHours;
        return hours > 0 ? $"{Unit(hours, "hour")}, {Unit(delay.Minutes, "minute")}" : Unit(Math.Max(1, delay.Minutes), "minute");
    }

    /// <summary>Go style without a decimal point, for messages: <c>"2h13m5s"</c>.</summary>
    public static string GoWhole(TimeSpan delay) => GoCore(delay, fraction: false);

    /// <summary>RFC 3339 UTC without fraction: <c>"2026-07-01T12:00:00Z"</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string GoCore(TimeSpan delay, bool fraction)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        var sb = new StringBuilder();
        var hours = (long)delay.TotalHours;
        if (hours > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || delay.Minutes > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{delay.Minutes}m");
        }

        var seconds = (delay.Ticks % TimeSpan.TicksPerMinute) / (decimal)TimeSpan.TicksPerSecond;
        sb.Append(fraction
            ? seconds.ToString("0.#########", CultureInfo.InvariantCulture)
            : ((int)seconds).ToString(CultureInfo.InvariantCulture));
        sb.Append('s');
        return sb.ToString();
    }
}
