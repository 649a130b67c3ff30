using System.Globalization;
using System.Text;

namespace Switchyard.Emulator.CloudCode;

/// <summary>The duration spellings Google uses in error bodies.</summary>
internal static class Durations
{
    /// <summary>protobuf Duration JSON: <c>"33740.91s"</c>, <c>"40s"</c>.</summary>
    public static string Seconds(TimeSpan delay)
    {
        var seconds = Math.Max(0, delay.TotalSeconds);
        return Math.Round(seconds, 3).ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>Go style with fractional seconds: <c>"9h22m20.91s"</c>.</summary>
    public static string Go(TimeSpan delay) => GoCore(delay, fraction: true);

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

        var seconds = delay.Seconds + (delay.Milliseconds / 1000.0);
        sb.Append(fraction
            ? Math.Round(seconds, 2).ToString("0.##", CultureInfo.InvariantCulture)
            : ((int)seconds).ToString(CultureInfo.InvariantCulture));
        sb.Append('s');
        return sb.ToString();
    }
}
