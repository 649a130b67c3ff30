using Switchyard.Quota;
using Switchyard.RateLimits;

namespace Switchyard.Tests.Quota;

/// <summary>
/// A summary or catalogue that is missing, partial or malformed never fails a refresh or empties the pool: the last good
/// data stays, marked stale, and the problem is logged once per outage, not on every refresh.
/// </summary>
public sealed class QuotaServiceBadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefreshAsync_SummaryMissingWithChangingErrors_KeepsTheLastWindowsStaleAndLogsOncePerOutage()
    {
        var (services, id, upstream) = await QuotaServiceFixture.CreateAsync();
        await using var _ = services;
        upstream.Summary = upstream.ProdSummary = FakeCloudCode.SummaryJson(services.Time.GetUtcNow().AddDays(3), geminiWeekly: 0.4);
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);

        upstream.SummaryStatus = 500;
        for (var i = 1; i <= 3; i++)
        {
            upstream.Summary = upstream.ProdSummary = $$$"""{"error":{"code":500,"message":"backend error {{{i}}}","status":"INTERNAL"}}""";
            Assert.Null(await quota.RefreshAsync(id, Ct));
        }

        var weekly = quota.Entry(id, "gemini-weekly")!;
        Assert.Equal((0.4, true), (weekly.RemainingFraction, weekly.Stale));
        Assert.Equal(4, quota.Entries(id).Count);
        Assert.Empty(services.Get<CooldownTracker>().Snapshot());
        Assert.Contains(quota.Get(id).Problems, p => p.Contains("backend error 3", StringComparison.Ordinal));
        Assert.Equal(1, Logged(services, "quota summary"));

        // Back: fresh figures, not stale; a later outage is logged again.
        upstream.SummaryStatus = 200;
        upstream.Summary = upstream.ProdSummary = FakeCloudCode.SummaryJson(services.Time.GetUtcNow().AddDays(3), geminiWeekly: 0.3);
        await quota.RefreshAsync(id, Ct);
        Assert.Equal((0.3, false), (quota.Entry(id, "gemini-weekly")!.RemainingFraction, quota.Entry(id, "gemini-weekly")!.Stale));
        Assert.DoesNotContain(quota.Get(id).Problems, p => p.StartsWith("quota summary", StringComparison.Ordinal));

        upstream.Summary = upstream.ProdSummary = "{}";
        await quota.RefreshAsync(id, Ct);
        Assert.Equal(2, Logged(services, "quota summary"));
    }

    [Fact]
    public async Task RefreshAsync_CatalogueMissingOnEveryHost_KeepsTheLastCatalogueAndLogsOncePerHost()
    {
        var (services, id, upstream) = await QuotaServiceFixture.CreateAsync();
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);

        upstream.Catalogue = null;
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await quota.RefreshAsync(id, Ct));
        }

        Assert.True(quota.Get(id).Serves("claude-sonnet-4-6"));
        Assert.NotEmpty(quota.Get(id).Catalogues);
        Assert.All(quota.Get(id).Catalogues, c => Assert.True(c.Stale));
        Assert.Contains(quota.ServedModels(), m => m.Id == "claude-sonnet-4-6");
        Assert.Equal(1, Logged(services, "catalogue on daily"));
        Assert.Equal(1, Logged(services, "catalogue on prod"));
    }

    [Fact]
    public async Task RefreshAsync_SummaryWithOneUnreadableBucket_TakesTheOthersAndKeepsThatOneStale()
    {
        var (services, id, upstream) = await QuotaServiceFixture.CreateAsync();
        await using var _ = services;
        upstream.Summary = upstream.ProdSummary = FakeCloudCode.SummaryJson(services.Time.GetUtcNow().AddDays(3), thirdPartyWeekly: 0.6);
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);

        upstream.Summary = """
            {"groups":[{"displayName":"Gemini Models","buckets":[
              {"bucketId":"gemini-weekly","window":"weekly","remainingFraction":0.5},
              {"bucketId":"gemini-5h","window":"5h","remainingFraction":0.9}]},
             {"displayName":"Claude and GPT models","buckets":[
              {"bucketId":"3p-weekly","window":"weekly","remainingFraction":{"oops":true}},
              "not a bucket",
              {"bucketId":"3p-5h","window":"5h","remainingFraction":1}]}]}
            """;
        Assert.Null(await quota.RefreshAsync(id, Ct));
        Assert.Null(await quota.RefreshAsync(id, Ct));

        Assert.Equal((0.5, false), (quota.Entry(id, "gemini-weekly")!.RemainingFraction, quota.Entry(id, "gemini-weekly")!.Stale));
        Assert.Equal((0.6, true), (quota.Entry(id, "3p-weekly")!.RemainingFraction, quota.Entry(id, "3p-weekly")!.Stale));
        Assert.Contains(quota.Get(id).Problems, p => p.Contains("3p-weekly", StringComparison.Ordinal));
        Assert.Equal(1, Logged(services, "quota summary"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"models":{"claude-sonnet-4-6":"broken","gemini-3-flash":17}}""")]
    [InlineData("""{"models":{"chat_20706":{"isInternal":true}}}""")]
    public async Task RefreshAsync_CatalogueWithNoUsableModel_KeepsTheLastOne(string bad)
    {
        var (services, id, upstream) = await QuotaServiceFixture.CreateAsync();
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);
        upstream.Catalogue = bad;

        Assert.Null(await quota.RefreshAsync(id, Ct));

        Assert.True(quota.Get(id).Serves("gemini-3-flash"));
        Assert.All(quota.Get(id).Catalogues, c => Assert.True(c.Stale));
        Assert.Contains(quota.Get(id).Problems, p => p.StartsWith("catalogue on", StringComparison.Ordinal));
    }

    private static int Logged(TestServices services, string text) =>
        services.Provider.GetFakeLogCollector().GetSnapshot().Count(r => r.Message.Contains(text, StringComparison.Ordinal));
}
