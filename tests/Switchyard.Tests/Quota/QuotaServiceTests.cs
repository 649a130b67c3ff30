using Microsoft.Extensions.DependencyInjection;
using Switchyard.Accounts;
using Switchyard.Tests.Models;
using Switchyard.Quota;
using Switchyard.RateLimits;

namespace Switchyard.Tests.Quota;

public sealed class QuotaServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(TestServices Services, string Id, FakeCloudCode Upstream)> CreateSutAsync(Dictionary<string, string?>? settings = null, bool prodOnly = false) =>
        QuotaServiceFixture.CreateAsync(settings, prodOnly);

    private static RateLimitKey Window(string id, string key) => new(id, key, QuotaPools.Antigravity);

    [Fact]
    public async Task RefreshAsync_Summary_StoresBothWindowsOfEachFamilyFromDailyNotProd()
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        var reset = services.Time.GetUtcNow().AddDays(3);
        upstream.Summary = FakeCloudCode.SummaryJson(reset, geminiWeekly: 0.73, thirdParty5h: 0.5);
        upstream.ProdSummary = FakeCloudCode.SummaryJson(reset);

        var error = await services.Get<QuotaService>().RefreshAsync(id, Ct);

        Assert.Null(error);
        var entries = services.Get<QuotaService>().Entries(id);
        Assert.Equal(["3p-5h", "3p-weekly", "gemini-5h", "gemini-weekly"], entries.Select(e => e.Group).Order(StringComparer.Ordinal));
        Assert.Equal(0.73, entries.Single(e => e.Group == "gemini-weekly").RemainingFraction);
        Assert.Equal(0.5, entries.Single(e => e.Group == "3p-5h").RemainingFraction);
        Assert.All(entries, e => Assert.False(e.Stale));
        Assert.Single(services.Http.To(FakeCloudCode.Daily + "/v1internal:retrieveUserQuotaSummary"));
        Assert.Empty(services.Http.To(FakeCloudCode.Prod + "/v1internal:retrieveUserQuotaSummary"));
        Assert.Contains("\"project\":\"proj-1\"", services.Http.To(":retrieveUserQuotaSummary").Single().Body, StringComparison.Ordinal);
        Assert.Equal(4, (await services.Get<AccountStore>().ListQuotasAsync(Ct))[id].Count);
    }

    [Fact]
    public async Task RefreshAsync_WeeklyWindowEmpty_HoldsThatFamilyUntilItsReset()
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        upstream.Summary = FakeCloudCode.SummaryJson(services.Time.GetUtcNow().AddDays(3), thirdPartyWeekly: 0);
        var cooldowns = services.Get<CooldownTracker>();

        await services.Get<QuotaService>().RefreshAsync(id, Ct);

        Assert.True(cooldowns.IsCooling(Window(id, "3p-weekly")));
        Assert.False(cooldowns.IsCooling(Window(id, "3p-5h")));
        Assert.False(cooldowns.IsCooling(Window(id, "gemini-weekly")));
        Assert.True(services.Get<QuotaService>().Entry(id, "3p-5h")!.Disabled);
        services.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));
        Assert.False(cooldowns.IsCooling(Window(id, "3p-weekly")));
    }

    [Fact]
    public async Task RefreshAsync_NewerReadingWithQuota_ReleasesA429Hold_ButNotOneObservedWhileReading()
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        var cooldowns = services.Get<CooldownTracker>();
        var quota = new UpstreamFailure(UpstreamFailureKind.QuotaExhausted, 429, TimeSpan.FromHours(2), "QUOTA_EXHAUSTED");
        cooldowns.Record(Window(id, "3p-5h"), quota);
        services.Time.Advance(TimeSpan.FromSeconds(10));

        await services.Get<QuotaService>().RefreshAsync(id, Ct);
        Assert.False(cooldowns.IsCooling(Window(id, "3p-5h")));

        services.Time.Advance(TimeSpan.FromSeconds(10));
        upstream.DuringSummary = () => cooldowns.Record(Window(id, "3p-5h"), quota);
        await services.Get<QuotaService>().RefreshAsync(id, Ct);
        Assert.True(cooldowns.IsCooling(Window(id, "3p-5h")));
    }

    [Fact]
    public async Task RefreshAsync_StaleHostOnly_ShowsItsFiguresButNeverReleasesAHold()
    {
        var (services, id, _) = await CreateSutAsync(prodOnly: true);
        await using var __ = services;
        var cooldowns = services.Get<CooldownTracker>();
        cooldowns.Record(Window(id, "gemini-weekly"), new UpstreamFailure(UpstreamFailureKind.QuotaExhausted, 429, TimeSpan.FromDays(5), "QUOTA_EXHAUSTED"));
        services.Time.Advance(TimeSpan.FromSeconds(5));

        await services.Get<QuotaService>().RefreshAsync(id, Ct);

        Assert.True(cooldowns.IsCooling(Window(id, "gemini-weekly")));
        Assert.All(services.Get<QuotaService>().Entries(id), e => Assert.True(e.Stale));
    }

    [Theory]
    [InlineData("""{"groups":"oops"}""")]
    [InlineData("""{"groups":[{"buckets":[{"bucketId":"gemini-weekly","window":"weekly","remainingFraction":"lots"}]}]}""")]
    [InlineData("""{"response":{}}""")]
    [InlineData("not json")]
    public async Task RefreshAsync_MalformedSummary_KeepsTheLastGoodWindowsMarkedStaleAndLogsOnce(string bad)
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        upstream.Summary = FakeCloudCode.SummaryJson(services.Time.GetUtcNow().AddDays(3), geminiWeekly: 0.4);

        // When daily's answer is unreadable prod answers, with its lagging "100 %": that never replaces a live reading.
        upstream.ProdSummary = FakeCloudCode.SummaryJson(services.Time.GetUtcNow().AddDays(3));
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);

        upstream.Summary = bad;
        Assert.Null(await quota.RefreshAsync(id, Ct));
        Assert.Null(await quota.RefreshAsync(id, Ct));

        var weekly = quota.Entry(id, "gemini-weekly")!;
        Assert.Equal((0.4, true), (weekly.RemainingFraction, weekly.Stale));
        Assert.Equal(4, quota.Entries(id).Count);
        Assert.Contains(quota.Get(id).Problems, p => p.StartsWith("quota summary", StringComparison.Ordinal));
        var logged = services.Provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Message.Contains("quota summary", StringComparison.Ordinal));
        Assert.Single(logged);
    }

    [Fact]
    public async Task RefreshAsync_PartialSummary_KeepsTheWindowsItLeftOutMarkedStale()
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);
        upstream.Summary = """{"groups":[{"displayName":"Gemini Models","buckets":[{"bucketId":"gemini-weekly","window":"weekly","remainingFraction":0.2}]}]}""";

        await quota.RefreshAsync(id, Ct);

        Assert.Equal((0.2, false), (quota.Entry(id, "gemini-weekly")!.RemainingFraction, quota.Entry(id, "gemini-weekly")!.Stale));
        Assert.True(quota.Entry(id, "3p-weekly")!.Stale);
        Assert.Equal(4, quota.Entries(id).Count);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("""{"models":"none"}""")]
    [InlineData("""{"models":{}}""")]
    public async Task RefreshAsync_MalformedCatalogue_KeepsTheLastCatalogue(string bad)
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);
        upstream.Catalogue = bad;

        Assert.Null(await quota.RefreshAsync(id, Ct));

        Assert.True(quota.Get(id).Serves("claude-sonnet-4-6"));
        Assert.All(quota.Get(id).Catalogues, c => Assert.True(c.Stale));
        Assert.Contains(quota.ServedModels(), m => m.Id == "claude-sonnet-4-6");
    }

    [Fact]
    public async Task RefreshAsync_Credits_ReadFromThePaidTier_ExhaustionHoldsUntilTheBalanceReturns()
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);
        Assert.Equal((1000L, 50L, true), (quota.Get(id).Credits!.Amount, quota.Get(id).Credits!.Minimum, quota.Get(id).CreditsUsable));

        quota.MarkCreditsExhausted(id);
        Assert.False(quota.Get(id).CreditsUsable);
        upstream.LoadCodeAssist = """{"currentTier":{"id":"standard-tier"},"paidTier":{"id":"g1-pro-tier","availableCredits":[{"creditType":"GOOGLE_ONE_AI","minimumCreditAmountForUsage":"50"}]}}""";
        await quota.RefreshAsync(id, Ct);
        Assert.Equal((0L, false), (quota.Get(id).Credits!.Amount, quota.Get(id).CreditsUsable));

        upstream.LoadCodeAssist = """{"currentTier":{"id":"standard-tier"},"paidTier":{"id":"g1-pro-tier","availableCredits":[{"creditType":"GOOGLE_ONE_AI","creditAmount":"500"}]}}""";
        await quota.RefreshAsync(id, Ct);
        Assert.True(quota.Get(id).CreditsUsable);
        Assert.False(quota.Get(id).CreditsExhausted);
    }

    [Fact]
    public async Task RefreshAsync_GeminiCliUnsupportedClient_MarksOnlyThatPoolOff()
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);
        Assert.True(quota.Get(id).GeminiCli);

        upstream.GeminiCliLoad = """{"ineligibleTiers":[{"reasonCode":"UNSUPPORTED_CLIENT","reasonMessage":"This client is no longer supported for Gemini Code Assist for individuals.","tierId":"free-tier"}]}""";
        await quota.RefreshAsync(id, Ct);

        Assert.False(quota.Get(id).GeminiCli);
        Assert.Contains("no longer supported", quota.Get(id).GeminiCliReason, StringComparison.Ordinal);
        Assert.True(services.Get<AccountRegistry>().Current.Find(id)!.Enabled);
        Assert.False(services.Get<CooldownTracker>().IsCooling(RateLimitKey.AccountWide(id)));
    }

    [Fact]
    public async Task RefreshAsync_VerificationRequired_StoresTheLinkAndRestsTheAccount()
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        const string url = "https://accounts.google.com/signin/continue?sarp=1&plt=abc";
        upstream.LoadCodeAssist = $$"""{"ineligibleTiers":[{"reasonCode":"VALIDATION_REQUIRED","validationUrl":"{{url}}"}]}""";

        await services.Get<QuotaService>().RefreshAsync(id, Ct);

        Assert.Equal(url, (await services.Get<AccountStore>().FindAsync(id, Ct))!.VerificationUrl);
        Assert.True(services.Get<CooldownTracker>().IsCooling(RateLimitKey.AccountWide(id)));
    }

    [Fact]
    public async Task WindowKeyFor_QuotaLimit_TellsWeeklyFromFiveHours()
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        var claude = ModelTestData.Resolver().Resolve("claude-sonnet-4-6").Route!;
        var gemini = ModelTestData.Resolver().Resolve("gemini-3-flash").Route!;
        var image = ModelTestData.Resolver().Resolve("gemini-3.1-flash-image").Route!;
        static UpstreamFailure Quota(double hours) => new(UpstreamFailureKind.QuotaExhausted, 429, TimeSpan.FromHours(hours), "QUOTA_EXHAUSTED");

        Assert.Equal("3p-5h", quota.WindowKeyFor(id, claude, QuotaPools.Antigravity, Quota(2))!.Value.Group);
        Assert.Equal("3p-weekly", quota.WindowKeyFor(id, claude, QuotaPools.Antigravity, Quota(160))!.Value.Group);
        Assert.Equal("gemini-weekly", quota.WindowKeyFor(id, gemini, QuotaPools.Antigravity,
            new UpstreamFailure(UpstreamFailureKind.RateLimited, 429, TimeSpan.FromHours(166), "RATE_LIMIT_EXCEEDED"))!.Value.Group);
        Assert.Null(quota.WindowKeyFor(id, claude, QuotaPools.Antigravity, new UpstreamFailure(UpstreamFailureKind.RateLimited, 429, TimeSpan.FromSeconds(30))));
        Assert.Null(quota.WindowKeyFor(id, image, QuotaPools.Antigravity, Quota(2)));
        Assert.Null(quota.WindowKeyFor(id, gemini, QuotaPools.GeminiCli, Quota(2)));

        // The summary says the weekly window is empty: a short delay is still the weekly one.
        upstream.Summary = FakeCloudCode.SummaryJson(services.Time.GetUtcNow().AddDays(4), thirdPartyWeekly: 0);
        await quota.RefreshAsync(id, Ct);
        Assert.Equal("3p-weekly", quota.WindowKeyFor(id, claude, QuotaPools.Antigravity, Quota(1))!.Value.Group);
    }

    [Fact]
    public async Task IsProtected_PerWindow_AndA2025GroupCoversBothWindowsOfItsFamily()
    {
        var (services, id, upstream) = await CreateSutAsync(new() { ["Quota:ProtectionThresholds:gemini-weekly"] = "0.3", ["Quota:ProtectionThresholds:claude"] = "0.2" });
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        upstream.Summary = FakeCloudCode.SummaryJson(services.Time.GetUtcNow().AddHours(3), gemini5h: 0.1, geminiWeekly: 0.25, thirdPartyWeekly: 0.1);
        await quota.RefreshAsync(id, Ct);

        Assert.True(quota.IsProtected(id, ["gemini-5h", "gemini-weekly"]));
        Assert.False(quota.IsProtected(id, ["gemini-5h"]));
        Assert.True(quota.IsProtected(id, ["3p-5h", "3p-weekly"]));
        services.Time.Advance(TimeSpan.FromHours(4));
        Assert.False(quota.IsProtected(id, ["gemini-5h", "gemini-weekly"]));
    }

    [Fact]
    public async Task NoThresholds_NothingIsProtected()
    {
        var (services, id, _) = await CreateSutAsync();
        await using var __ = services;
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);

        Assert.False(quota.IsProtected(id, QuotaKeys.All));
    }

    [Fact]
    public async Task Catalogue_ServedModelsAndSuccessors_ComeFromTheLiveCatalogue()
    {
        var (services, id, upstream) = await CreateSutAsync();
        await using var _ = services;
        upstream.Catalogue = """
            {"models":{"claude-sonnet-4-6":{"displayName":"Claude Sonnet 4.6","maxTokens":200000,"maxOutputTokens":64000},
                       "gemini-9-flash":{"displayName":"Gemini 9 Flash"},
                       "chat_20706":{"isInternal":true}},
             "deprecatedModelIds":{"gemini-3.8-flash-high":{"newModelId":"gemini-9-flash"}},
             "webSearchModelIds":["gemini-9-flash"]}
            """;
        upstream.GeminiCliLoad = """{"ineligibleTiers":[{"reasonCode":"UNSUPPORTED_CLIENT"}]}""";
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, Ct);

        Assert.Equal(["claude-sonnet-4-6", "gemini-9-flash"], quota.ServedModels().Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal("gemini-9-flash", quota.SuccessorOf("gemini-3.8-flash-high"));
        Assert.Equal("gemini-3.1-pro-low", quota.SuccessorOf("gemini-3-pro-low"));
        Assert.Null(quota.SuccessorOf("claude-sonnet-4-6"));
        Assert.Equal(["gemini-9-flash"], quota.SearchModels(id));

        quota.MarkModelMissing(id, "gemini-9-flash");
        Assert.False(quota.Get(id).Serves("gemini-9-flash"));
        Assert.DoesNotContain(quota.ServedModels(), m => m.Id == "gemini-9-flash");
        Assert.True(quota.Get(id).Serves("claude-sonnet-4-6"));

        // An account that keeps the gemini-cli pool serves that pool's models too.
        upstream.GeminiCliLoad = """{"currentTier":{"id":"standard-tier"}}""";
        await quota.RefreshAsync(id, Ct);
        Assert.Contains(quota.ServedModels(), m => m.Id == "gemini-3-flash-preview");
    }
}
