using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

public sealed class ResetPressureTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 6, 12, 0, 0, TimeSpan.Zero);

    private static CandidateWindow FiveHour(double fraction, double? hours) => new("3p-5h", fraction, hours is { } h ? Now.AddHours(h) : null);

    private static CandidateWindow Weekly(double fraction, double? hours) => new("3p-weekly", fraction, hours is { } h ? Now.AddHours(h) : null);

    [Fact]
    public void Of_WeeklyResettingTonight_RemainingOverHoursToReset()
    {
        var pressure = ResetPressure.Of([FiveHour(1, null), Weekly(0.7, 10)], Now, 0.25);

        Assert.Equal(0.07, pressure!.Value, 9);
    }

    [Fact]
    public void Of_FreshAccount_OnlyItsWeekAtStake()
    {
        var pressure = ResetPressure.Of([FiveHour(1, null), Weekly(1, null)], Now, 0.25);

        Assert.Equal(1.0 / 168, pressure!.Value, 9);
    }

    [Fact]
    public void Of_FiveHourNearlyEmpty_TheTighterWindowBounds()
    {
        // The weekly window alone would say 0.07 per hour; the 5 h window can give only 0.05 over its 4 h.
        var pressure = ResetPressure.Of([FiveHour(0.2, 4), Weekly(0.7, 10)], Now, 0.25);

        Assert.Equal(0.05, pressure!.Value, 9);
    }

    [Fact]
    public void Of_SoonerWeeklyResetWithTheSameFraction_HigherPressure()
    {
        var soon = ResetPressure.Of([Weekly(0.5, 24)], Now, 0.25)!.Value;
        var late = ResetPressure.Of([Weekly(0.5, 120)], Now, 0.25)!.Value;

        Assert.True(soon > late);
        Assert.Equal(5, soon / late, 9);
    }

    [Fact]
    public void Of_ResetSecondsAway_FlooredAtMinHours()
    {
        var pressure = ResetPressure.Of([Weekly(0.5, 1.0 / 3600)], Now, 0.25);

        Assert.Equal(2, pressure!.Value, 9);
    }

    [Fact]
    public void Of_ResetInThePast_WindowCountsAsRefilled()
    {
        var pressure = ResetPressure.Of([FiveHour(0, -1)], Now, 0.25);

        Assert.Equal(0.2, pressure!.Value, 9);
    }

    [Fact]
    public void Of_EmptyWindow_Zero()
    {
        Assert.Equal(0, ResetPressure.Of([FiveHour(0, 2), Weekly(0.9, 50)], Now, 0.25));
    }

    [Fact]
    public void Of_NoWindows_Null()
    {
        Assert.Null(ResetPressure.Of(null, Now, 0.25));
        Assert.Null(ResetPressure.Of([], Now, 0.25));
    }
}
