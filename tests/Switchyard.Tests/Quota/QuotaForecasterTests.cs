using Switchyard.Quota;

namespace Switchyard.Tests.Quota;

public sealed class QuotaForecasterTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 9, 12, 0, 0, TimeSpan.Zero); // a Thursday

    private static QuotaForecaster.ProjectedAccount Account(double fiveHour, double weekly, double? weeklyResetHours = null) => new()
    {
        FiveHour = fiveHour,
        Weekly = weekly,
        WeeklyReset = weeklyResetHours is { } h ? Now.AddHours(h) : Now.AddDays(5),
    };

    [Fact]
    public void Project_WeeklyOnlyUse_RunsDryWhenThePoolsWeeklyQuotaIsSpent()
    {
        // Two accounts with half a weekly window each, spent at 0.1 account-windows an hour: dry after 10 h.
        var dry = QuotaForecaster.Project([Account(1, 0.5), Account(1, 0.5)], fiveHourRate: null, weeklyRate: 0.1, Now);

        Assert.Equal(Now.AddHours(10), dry!.Value, TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Project_AWeeklyResetOnTheWay_RefillsAndLastsLonger()
    {
        var dry = QuotaForecaster.Project([Account(1, 0.5, weeklyResetHours: 4), Account(1, 0.5)], null, 0.1, Now);

        // The account resetting first is spent first: 0.4 in 4 h, its last 0.1 lost at the reset; then the pool holds its
        // refilled window and the other's half: 1.5, 15 h more. Without the reset it would be dry at 10 h.
        Assert.Equal(Now.AddHours(19), dry!.Value, TimeSpan.FromMinutes(20));
    }

    [Fact]
    public void Project_FiveHourWindowsBind_DryWhenEveryFiveHourWindowIsEmptyBeforeItsReset()
    {
        // One account: 0.2 of its 5 h window left, spending 0.5 of a 5 h window an hour (and 0.05 of the weekly).
        var dry = QuotaForecaster.Project([Account(0.2, 0.9)], fiveHourRate: 0.5, weeklyRate: 0.05, Now);

        Assert.Equal(Now.AddMinutes(20), dry!.Value, TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Project_NoRecentUse_Null()
    {
        Assert.Null(QuotaForecaster.Project([Account(1, 1)], null, null, Now));
        Assert.Null(QuotaForecaster.Project([Account(1, 1)], 0, 0, Now));
    }

    [Fact]
    public void Project_SlowUse_LastsTheWeek()
    {
        Assert.Null(QuotaForecaster.Project([Account(1, 1), Account(1, 1)], null, 0.001, Now));
    }

    [Fact]
    public void Describe_RunsDry_DayTimeAndAccountsLeft()
    {
        var forecast = new QuotaForecast("3p", Now, [new WindowForecast("weekly", "3p-weekly", 1, null, 0.1, 2)], Now.AddHours(3).AddMinutes(40), 2, 3);

        Assert.Equal("runs dry Thu 15:40; 2 accounts left", QuotaForecastText.Describe(forecast, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Describe_NoRate_SaysSo()
    {
        var forecast = new QuotaForecast("gemini", Now, [new WindowForecast("weekly", "gemini-weekly", 1, null, null, 1)], null, 1, 1);

        Assert.Equal("no recent use to forecast from; 1 account left", QuotaForecastText.Describe(forecast, TimeZoneInfo.Utc));
    }
}
