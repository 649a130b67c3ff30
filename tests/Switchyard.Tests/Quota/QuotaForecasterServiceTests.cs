using Switchyard.Quota;

namespace Switchyard.Tests.Quota;

/// <summary>The forecast from live readings taken on a fake clock.</summary>
public sealed class QuotaForecasterServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forecast_TwoReadingsAnHourApart_RateFromTheFallAndRunsDryAtThatRate()
    {
        var (services, id, upstream) = await QuotaServiceFixture.CreateAsync();
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        var weeklyReset = services.Time.GetUtcNow().AddDays(4);
        upstream.Summary = FakeCloudCode.SummaryJson(weeklyReset, thirdParty5h: 1, thirdPartyWeekly: 0.6);
        upstream.ProdSummary = upstream.Summary;
        Assert.Null(await quota.RefreshAsync(id, Ct));
        services.Time.Advance(TimeSpan.FromHours(1));
        upstream.Summary = FakeCloudCode.SummaryJson(weeklyReset, thirdParty5h: 1, thirdPartyWeekly: 0.5);
        upstream.ProdSummary = upstream.Summary;
        Assert.Null(await quota.RefreshAsync(id, Ct));

        var forecast = services.Get<QuotaForecaster>().Forecast("3p");

        var weekly = forecast.Windows.Single(w => w.Window == "weekly");
        Assert.Equal(0.1, weekly.RatePerHour!.Value, 6);
        Assert.Equal(0.5, weekly.Remaining, 6);
        Assert.Equal((1, 1), (forecast.AccountsLeft, forecast.Accounts));
        Assert.Equal(services.Time.GetUtcNow().AddHours(5), forecast.RunsDryAt!.Value, TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Forecast_OneReading_NoRateAndNoRunsDryTime()
    {
        var (services, id, _) = await QuotaServiceFixture.CreateAsync();
        await using var __ = services;
        Assert.Null(await services.Get<QuotaService>().RefreshAsync(id, Ct));

        var forecast = services.Get<QuotaForecaster>().Forecast("gemini");

        Assert.All(forecast.Windows, w => Assert.Null(w.RatePerHour));
        Assert.Null(forecast.RunsDryAt);
    }
}
