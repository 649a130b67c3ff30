using Switchyard.RequestLog;

namespace Switchyard.Tests.RequestLog;

public sealed class RequestLogRetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset T0 = RequestLogFixture.T0;

    [Fact]
    public async Task StartAsync_RowsOlderThanRetention_AreDeletedAtStart()
    {
        using var f = new RequestLogFixture(new RequestLogOptions { RetentionDays = 7, MaxRows = 0 });
        var old = RequestLogFixture.Trace(T0.AddDays(-8));
        var fresh = RequestLogFixture.Trace(T0.AddDays(-6));
        await f.InsertAsync(old, fresh);
        await using var retention = f.Retention();

        await retention.StartAsync(Ct);

        Assert.Null(await f.Store.GetAsync(old.Id, Ct));
        Assert.NotNull(await f.Store.GetAsync(fresh.Id, Ct));
        Assert.Equal(1, retention.Deleted);
        await retention.StopAsync(Ct);
    }

    [Fact]
    public async Task Timer_RowsAndStatisticsAgeOut_EachDeletedOnTheTickAfterItsOwnRetention()
    {
        using var f = new RequestLogFixture(new RequestLogOptions { RetentionDays = 0.5, StatisticsRetentionDays = 1, MaxRows = 0, RetentionIntervalSeconds = 3600 });
        var traces = Enumerable.Range(0, 20).Select(i => RequestLogFixture.Trace(T0.AddMinutes(-i - 1))).ToArray();
        await f.InsertAsync(traces);
        await using var retention = f.Retention();
        await retention.StartAsync(Ct);
        Assert.Equal(20, await f.Store.CountAsync(Ct));

        f.Time.Advance(TimeSpan.FromHours(11));
        await retention.LastRun;
        Assert.Equal(20, await f.Store.CountAsync(Ct));

        f.Time.Advance(TimeSpan.FromHours(1));
        await retention.LastRun;
        Assert.Equal(0, await f.Store.CountAsync(Ct));

        f.Time.Advance(TimeSpan.FromHours(11));
        await retention.LastRun;
        var statsKept = await f.Store.StatsAsync(T0.AddHours(-1), T0.AddHours(1), byAccount: false, Ct);
        Assert.Equal(20, statsKept.Series.Sum(s => s.Points.Sum(p => p.Requests)));

        f.Time.Advance(TimeSpan.FromHours(1));
        await retention.LastRun;
        var statsLeft = await f.Store.StatsAsync(T0.AddHours(-1), T0.AddHours(1), byAccount: false, Ct);
        Assert.Empty(statsLeft.Series);
        await retention.StopAsync(Ct);
    }

    [Fact]
    public async Task Timer_MoreRowsThanMaxRows_TrimsTheOldestOnTheNextTick()
    {
        using var f = new RequestLogFixture(new RequestLogOptions { RetentionDays = 0, MaxRows = 5, RetentionIntervalSeconds = 60 });
        await using var retention = f.Retention();
        await retention.StartAsync(Ct);
        var traces = Enumerable.Range(0, 12).Select(i => RequestLogFixture.Trace(T0.AddSeconds(i))).ToArray();
        await f.InsertAsync(traces);

        f.Time.Advance(TimeSpan.FromSeconds(60));
        await retention.LastRun;

        Assert.Equal(5, await f.Store.CountAsync(Ct));
        Assert.NotNull(await f.Store.GetAsync(traces[^1].Id, Ct));
        Assert.Null(await f.Store.GetAsync(traces[6].Id, Ct));
        await retention.StopAsync(Ct);
    }
}
