namespace Switchyard.Scheduling;

/// <summary>
/// How much of an account's quota for a family would go to waste if left: per window, the remaining fraction ÷ the
/// hours to its reset; the account's pressure is that of the tighter window, the smaller of the two, because spending is
/// bounded by it: a weekly window that resets tonight with 70 % left is worth spending first (0.07 per hour over 10 h),
/// unless its 5 h window is nearly empty too; a fresh account (full windows, the weekly one a week away) has little at
/// stake (1 ÷ 168 h).
/// <code>pressure = min over the family's windows of remaining fraction ÷ max(MinHoursToReset, hours to its reset)</code>
/// A window without a reset time (a full one that has not started) counts its full length (5 h or 7 days); a reset in
/// the past means the window has refilled (fraction 1, full length). An empty window gives 0. Unknown windows: null.
/// </summary>
internal static class ResetPressure
{
    public static TimeSpan FiveHours { get; } = TimeSpan.FromHours(5);

    public static TimeSpan Week { get; } = TimeSpan.FromDays(7);

    public static double? Of(IReadOnlyList<CandidateWindow>? windows, DateTimeOffset now, double minHoursToReset)
    {
        if (windows is not { Count: > 0 })
        {
            return null;
        }

        var pressure = double.MaxValue;
        foreach (var w in windows)
        {
            var length = LengthOf(w.Key);
            var (fraction, until) = w.ResetAt is { } reset && reset > now
                ? (Math.Clamp(w.RemainingFraction, 0, 1), reset - now)
                : (w.ResetAt is null ? Math.Clamp(w.RemainingFraction, 0, 1) : 1.0, length);
            pressure = Math.Min(pressure, fraction / Math.Max(minHoursToReset, until.TotalHours));
        }

        return pressure;
    }

    /// <summary>A window's full length from its key: <c>…-weekly</c> a week, anything else 5 h.</summary>
    public static TimeSpan LengthOf(string key) =>
        key.EndsWith("weekly", StringComparison.OrdinalIgnoreCase) ? Week : FiveHours;
}
