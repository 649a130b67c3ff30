namespace Switchyard.Scheduling;

/// <summary>
/// How much of an account's quota for a family would go to waste if left: the remaining fraction ÷ the hours to the
/// reset, taking the tighter of the family's two windows. Spending before the sooner of the two resets is bounded by the
/// smaller of the two remaining fractions (a full 5 h window cannot be spent past an almost empty weekly one), and what
/// is not spent by then is lost, so:
/// <code>pressure = min(remaining fraction over the windows) ÷ max(MinHoursToReset, hours to the soonest reset)</code>
/// A window without a reset time (a full one that has not started) counts its full length (5 h or 7 days); a reset in
/// the past means the window has refilled (fraction 1, full length). Empty windows give 0. Unknown windows: null.
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

        var fraction = double.MaxValue;
        var hours = double.MaxValue;
        foreach (var w in windows)
        {
            var length = LengthOf(w.Key);
            var (f, until) = w.ResetAt is { } reset && reset > now
                ? (Math.Clamp(w.RemainingFraction, 0, 1), reset - now)
                : (w.ResetAt is null ? Math.Clamp(w.RemainingFraction, 0, 1) : 1.0, length);
            fraction = Math.Min(fraction, f);
            hours = Math.Min(hours, until.TotalHours);
        }

        return fraction / Math.Max(minHoursToReset, hours);
    }

    /// <summary>A window's full length from its key: <c>…-weekly</c> a week, anything else 5 h.</summary>
    public static TimeSpan LengthOf(string key) =>
        key.EndsWith("weekly", StringComparison.OrdinalIgnoreCase) ? Week : FiveHours;
}
