using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.Quota;

/// <summary>retrieveUserQuotaSummary and the family windows behind it (upstream-2026 §1).</summary>
public sealed class QuotaSummaryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each content call spends 10 % of a 5 h bucket and 2 % of a weekly one.</summary>
    private static readonly EmulatorConfig Costly = new()
    {
        Quota = new QuotaWindowsConfig { FiveHourCostPerRequest = 0.1, WeeklyCostPerRequest = 0.02 },
    };

    [Fact]
    public async Task RetrieveUserQuotaSummary_FreshPaidAccount_CapturedShapeWithFourBuckets()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);

        var summary = await LimitsKit.SummaryAsync(emu, token);

        var expected = JsonNode.Parse("""
            {"groups": [
              {"displayName": "Gemini Models", "description": "Models within this group: Gemini Flash, Gemini Pro",
               "buckets": [
                 {"bucketId": "gemini-weekly", "window": "weekly", "displayName": "Weekly Limit Remaining", "remainingFraction": 1, "resetTime": "2026-07-08T07:00:00Z"},
                 {"bucketId": "gemini-5h", "window": "5h", "displayName": "Five Hour Limit Remaining", "remainingFraction": 1, "resetTime": "2026-07-01T12:00:00Z"}]},
              {"displayName": "Claude and GPT models", "description": "Models within this group: Claude Opus, Claude Sonnet, GPT-OSS",
               "buckets": [
                 {"bucketId": "3p-weekly", "window": "weekly", "displayName": "Weekly Limit Remaining", "remainingFraction": 1, "resetTime": "2026-07-08T07:00:00Z"},
                 {"bucketId": "3p-5h", "window": "5h", "displayName": "Five Hour Limit Remaining", "remainingFraction": 1, "resetTime": "2026-07-01T12:00:00Z"}]}],
             "description": "Within each group, models share a weekly limit and a 5-hour limit. Quota is consumed proportionally to the cost of the tokens."}
            """);
        Assert.True(JsonNode.DeepEquals(expected, summary), summary.ToJsonString());
    }

    [Fact]
    public async Task RetrieveUserQuotaSummary_FreeTier_WeeklyBucketsOnly()
    {
        await using var emu = await LimitsKit.StartAsync();

        var summary = await LimitsKit.SummaryAsync(emu, await LimitsKit.TokenAsync(emu, LimitsKit.Alan));

        var ids = summary["groups"]!.AsArray().SelectMany(g => g!["buckets"]!.AsArray()).Select(b => (string)b!["bucketId"]!);
        Assert.Equal(["gemini-weekly", "3p-weekly"], ids);
    }

    [Fact]
    public async Task RetrieveUserQuotaSummary_WeeklyEmpty_FiveHourOfThatGroupDisabled()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-weekly", remainingFraction: 0, cancellationToken: Ct);

        var summary = await LimitsKit.SummaryAsync(emu, token);

        var weekly = LimitsKit.SummaryBucket(summary, "3p-weekly")!;
        Assert.False(weekly.ContainsKey("remainingFraction"));
        Assert.Equal("2026-07-08T07:00:00Z", (string?)weekly["resetTime"]);
        Assert.True((bool?)LimitsKit.SummaryBucket(summary, "3p-5h")!["disabled"]);
        Assert.Equal(1.0, (double?)LimitsKit.SummaryBucket(summary, "3p-5h")!["remainingFraction"]);
        Assert.False(LimitsKit.SummaryBucket(summary, "gemini-5h")!.ContainsKey("disabled"));
    }

    [Fact]
    public async Task ContentCalls_ChargeBothWindowsOfTheirOwnFamilyOnly()
    {
        await using var emu = await LimitsKit.StartAsync(config: Costly);
        var token = await LimitsKit.TokenAsync(emu);

        using var claude = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        using var gptOss = await LimitsKit.GenerateAsync(emu, token, "gpt-oss-120b-medium");
        using var gemini = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");
        var summary = await LimitsKit.SummaryAsync(emu, token);

        Assert.All([claude, gptOss, gemini], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0.8, (double)LimitsKit.SummaryBucket(summary, "3p-5h")!["remainingFraction"]!, 9);
        Assert.Equal(0.96, (double)LimitsKit.SummaryBucket(summary, "3p-weekly")!["remainingFraction"]!, 9);
        Assert.Equal(0.9, (double)LimitsKit.SummaryBucket(summary, "gemini-5h")!["remainingFraction"]!, 9);
        Assert.Equal(0.98, (double)LimitsKit.SummaryBucket(summary, "gemini-weekly")!["remainingFraction"]!, 9);
        Assert.Equal("You have used some of your weekly limit, it will fully refresh in 7 days, 0 hours.",
            (string?)LimitsKit.SummaryBucket(summary, "3p-weekly")!["description"]);
        Assert.Equal("You have used some of your 5-hour limit, it will fully refresh in 5 hours, 0 minutes.",
            (string?)LimitsKit.SummaryBucket(summary, "3p-5h")!["description"]);
    }

    [Fact]
    public async Task ContentCall_UntouchedFamily_HasNoDescription()
    {
        await using var emu = await LimitsKit.StartAsync(config: Costly);
        var token = await LimitsKit.TokenAsync(emu);

        using var claude = await LimitsKit.GenerateAsync(emu, token, "claude-opus-4-6-thinking");
        var summary = await LimitsKit.SummaryAsync(emu, token);

        Assert.Equal(HttpStatusCode.OK, claude.StatusCode);
        Assert.False(LimitsKit.SummaryBucket(summary, "gemini-weekly")!.ContainsKey("description"));
        Assert.Equal(1.0, (double?)LimitsKit.SummaryBucket(summary, "gemini-weekly")!["remainingFraction"]);
    }

    [Fact]
    public async Task Windows_EachResetsOnItsOwnClock()
    {
        await using var emu = await LimitsKit.StartAsync(config: Costly);
        var token = await LimitsKit.TokenAsync(emu);
        using var first = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");

        await emu.Control.AdvanceClockAsync(TimeSpan.FromHours(5) - TimeSpan.FromSeconds(1), Ct);
        var before = await LimitsKit.SummaryAsync(emu, token);
        await emu.Control.AdvanceClockAsync(TimeSpan.FromSeconds(1), Ct);
        var afterFiveHours = await LimitsKit.SummaryAsync(emu, token);
        await emu.Control.AdvanceClockAsync(TimeSpan.FromDays(7) - TimeSpan.FromHours(5), Ct);
        var afterWeek = await LimitsKit.SummaryAsync(emu, await LimitsKit.TokenAsync(emu));

        Assert.Equal(0.9, (double)LimitsKit.SummaryBucket(before, "3p-5h")!["remainingFraction"]!, 9);
        Assert.Equal(1.0, (double?)LimitsKit.SummaryBucket(afterFiveHours, "3p-5h")!["remainingFraction"]);
        Assert.False(LimitsKit.SummaryBucket(afterFiveHours, "3p-5h")!.ContainsKey("description"));
        Assert.Equal(0.98, (double)LimitsKit.SummaryBucket(afterFiveHours, "3p-weekly")!["remainingFraction"]!, 9);
        Assert.Equal("2026-07-08T07:00:00Z", (string?)LimitsKit.SummaryBucket(afterFiveHours, "3p-weekly")!["resetTime"]);
        Assert.Equal(1.0, (double?)LimitsKit.SummaryBucket(afterWeek, "3p-weekly")!["remainingFraction"]);
    }

    [Theory]
    [InlineData(true, "2026-07-10T07:00:00Z")]
    [InlineData(false, "2026-07-08T07:00:00Z")]
    public async Task WeeklyClock_StartsAtFirstUseUnlessToggledOff(bool atFirstUse, string expectedReset)
    {
        await using var emu = await LimitsKit.StartAsync(config: Costly with { Quota = Costly.Quota with { WeeklyClockStartsAtFirstUse = atFirstUse } });
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.AdvanceClockAsync(TimeSpan.FromDays(2), Ct);

        using var first = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");
        var summary = await LimitsKit.SummaryAsync(emu, token);

        Assert.Equal(expectedReset, (string?)LimitsKit.SummaryBucket(summary, "gemini-weekly")!["resetTime"]);
    }

    [Fact]
    public async Task Prod_AnswersStaleFullFiguresWhileDailyIsLive()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-weekly", remainingFraction: 0, cancellationToken: Ct);

        var daily = await LimitsKit.SummaryAsync(emu, token, "daily");
        var prod = await LimitsKit.SummaryAsync(emu, token, "prod");
        var prodModels = await LimitsKit.FetchModelsAsync(emu, token, "prod");
        await emu.Control.PatchConfigAsync(new JsonObject { ["hosts"] = new JsonObject { ["prodStaleQuota"] = false } }, Ct);
        var prodLive = await LimitsKit.SummaryAsync(emu, token, "prod");

        Assert.False(LimitsKit.SummaryBucket(daily, "3p-weekly")!.ContainsKey("remainingFraction"));
        Assert.Equal(1.0, (double?)LimitsKit.SummaryBucket(prod, "3p-weekly")!["remainingFraction"]);
        Assert.False(LimitsKit.SummaryBucket(prod, "3p-5h")!.ContainsKey("disabled"));
        Assert.Equal(1.0, (double?)prodModels["claude-sonnet-4-6"]!["quotaInfo"]!["remainingFraction"]);
        Assert.False(LimitsKit.SummaryBucket(prodLive, "3p-weekly")!.ContainsKey("remainingFraction"));
    }

    [Fact]
    public async Task FetchAvailableModels_WeeklyEmpty_QuotaInfoShowsFiveHourUnlessTighter()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini-weekly", remainingFraction: 0, cancellationToken: Ct);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini-5h", remainingFraction: 0.7, cancellationToken: Ct);

        var fiveHourView = await LimitsKit.FetchModelsAsync(emu, token);
        var summary = await LimitsKit.SummaryAsync(emu, token);
        await emu.Control.PatchConfigAsync(new JsonObject { ["quota"] = new JsonObject { ["quotaInfoWindow"] = "tighter" } }, Ct);
        var tighterView = await LimitsKit.FetchModelsAsync(emu, token);
        using var call = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");

        // As captured: quotaInfo repeats the 5 h fraction of the summary while the weekly bucket is empty.
        Assert.Equal(0.7, (double?)fiveHourView["gemini-3-flash"]!["quotaInfo"]!["remainingFraction"]);
        Assert.Equal((double?)LimitsKit.SummaryBucket(summary, "gemini-5h")!["remainingFraction"], (double?)fiveHourView["gemini-pro-agent"]!["quotaInfo"]!["remainingFraction"]);
        Assert.False(tighterView["gemini-3-flash"]!["quotaInfo"]!.AsObject().ContainsKey("remainingFraction"));
        Assert.Equal("2026-07-08T07:00:00Z", (string?)tighterView["gemini-3-flash"]!["quotaInfo"]!["resetTime"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, call.StatusCode);
    }

    [Fact]
    public async Task FetchAvailableModels_FreeTier_GeminiShowsWeeklyAndThirdPartyOmitsFraction()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu, LimitsKit.Alan);
        await emu.Control.SetQuotaAsync(LimitsKit.Alan, QuotaPools.Antigravity, "gemini-weekly", remainingFraction: 0.6, cancellationToken: Ct);

        var models = await LimitsKit.FetchModelsAsync(emu, token);
        using var claude = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");

        Assert.Equal(0.6, (double?)models["gemini-3-flash"]!["quotaInfo"]!["remainingFraction"]);
        Assert.False(models["claude-sonnet-4-6"]!["quotaInfo"]!.AsObject().ContainsKey("remainingFraction"));
        Assert.Equal("2026-07-08T07:00:00Z", (string?)models["claude-sonnet-4-6"]!["quotaInfo"]!["resetTime"]);
        // The missing fraction is a display quirk: the free account still has its weekly Claude quota.
        Assert.Equal(HttpStatusCode.OK, claude.StatusCode);
    }
}
