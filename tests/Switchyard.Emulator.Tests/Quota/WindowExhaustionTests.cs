using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.Quota;

/// <summary>The 429s of empty 5 h and weekly windows (upstream-2026 §2).</summary>
public sealed class WindowExhaustionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>160h20m10.7254055s after <see cref="LimitsKit.Start"/>.</summary>
    private static readonly DateTimeOffset WeeklyReset = DateTimeOffset.Parse("2026-07-07T23:20:10.7254055Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Generate_WeeklyBucketEmpty_IndividualQuotaTextWithMultiDayDelay()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-weekly", remainingFraction: 0, resetTime: WeeklyReset, cancellationToken: Ct);

        using var claude = await LimitsKit.GenerateAsync(emu, token, "claude-opus-4-6-thinking");
        using var gemini = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");

        Assert.Equal(HttpStatusCode.TooManyRequests, claude.StatusCode);
        var expected = JsonNode.Parse("""
            {"error": {"code": 429, "message": "Individual quota reached. Contact your administrator to enable overages. Resets in 160h20m10s.",
              "status": "RESOURCE_EXHAUSTED",
              "details": [
                {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "QUOTA_EXHAUSTED", "domain": "cloudcode-pa.googleapis.com",
                 "metadata": {"uiMessage": "true", "model": "claude-opus-4-6-thinking", "quotaResetDelay": "160h20m10.7254055s", "quotaResetTimeStamp": "2026-07-07T23:20:10Z"}},
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "577210.7254055s"}]}}
            """);
        var body = await EmulatorFixture.ReadJsonAsync(claude);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, gemini.StatusCode);
        var journal = await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct);
        Assert.Equal("quota-exhausted-weekly", journal[0].Outcome);
    }

    [Fact]
    public async Task Generate_FiveHourAndWeeklyEmpty_ToldApartByTextAndDelay()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini-5h", remainingFraction: 0, resetInSeconds: 3 * 3600, cancellationToken: Ct);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-weekly", remainingFraction: 0, resetInSeconds: 100 * 3600, cancellationToken: Ct);

        using var fiveHour = await LimitsKit.GenerateAsync(emu, token, "gemini-pro-agent");
        using var weekly = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");

        var fiveHourError = await LimitsKit.ErrorAsync(fiveHour);
        var weeklyError = await LimitsKit.ErrorAsync(weekly);
        Assert.Equal("You have exhausted your capacity on this model. Your quota will reset after 3h0m0s.", (string?)fiveHourError["message"]);
        Assert.Equal("QUOTA_EXHAUSTED", (string?)fiveHourError["details"]![0]!["reason"]);
        Assert.Equal("10800s", (string?)fiveHourError["details"]![1]!["retryDelay"]);
        Assert.Equal("Individual quota reached. Contact your administrator to enable overages. Resets in 100h0m0s.", (string?)weeklyError["message"]);
        Assert.Equal("360000s", (string?)weeklyError["details"]![1]!["retryDelay"]);
    }

    [Theory]
    [InlineData("capacity", "QUOTA_EXHAUSTED", "You have exhausted your capacity on this model. Your quota will reset after 160h20m10s.")]
    [InlineData("rateLimit", "RATE_LIMIT_EXCEEDED", "You have exhausted your capacity on this model. Your quota will reset after 160h20m10s.")]
    [InlineData("upgrade", "QUOTA_EXHAUSTED", "Individual quota reached. Please upgrade your subscription to increase your limits.")]
    public async Task Generate_WeeklyStyleConfigured_ReasonAndTextOfThatStyle(string style, string reason, string message)
    {
        await using var emu = await LimitsKit.StartAsync(config: new EmulatorConfig { Quota = new QuotaWindowsConfig { WeeklyStyle = style } });
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini-weekly", remainingFraction: 0, resetTime: WeeklyReset, cancellationToken: Ct);

        using var response = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");

        var error = await LimitsKit.ErrorAsync(response);
        Assert.Equal(message, (string?)error["message"]);
        Assert.Equal(reason, (string?)error["details"]![0]!["reason"]);
        Assert.Equal("160h20m10.7254055s", (string?)error["details"]![0]!["metadata"]!["quotaResetDelay"]);
    }

    [Fact]
    public async Task Generate_FreeTierWeeklyEmpty_RefusedUntilWeeklyReset()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu, LimitsKit.Alan);
        await emu.Control.SetQuotaAsync(LimitsKit.Alan, QuotaPools.Antigravity, "gemini-weekly", remainingFraction: 0, resetInSeconds: 2 * 24 * 3600, cancellationToken: Ct);

        using var refused = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");
        await emu.Control.AdvanceClockAsync(TimeSpan.FromDays(2), Ct);
        using var served = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Individual quota reached. Contact your administrator to enable overages. Resets in 48h0m0s.", (string?)(await LimitsKit.ErrorAsync(refused))["message"]);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Stream_QuotaExhausted_SentAsEventStreamWithJsonBody()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-5h", remainingFraction: 0, cancellationToken: Ct);

        using var stream = await LimitsKit.StreamAsync(emu, token, "claude-sonnet-4-6");
        using var generate = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");

        Assert.Equal(HttpStatusCode.TooManyRequests, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.Equal("QUOTA_EXHAUSTED", (string?)(await LimitsKit.ErrorAsync(stream))["details"]![0]!["reason"]);
        Assert.Equal("application/json", generate.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_QuotaExhaustedWithEventStreamOff_SentAsJson()
    {
        await using var emu = await LimitsKit.StartAsync(config: new EmulatorConfig { Quota = new QuotaWindowsConfig { Stream429AsEventStream = false } });
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-5h", remainingFraction: 0, cancellationToken: Ct);

        using var stream = await LimitsKit.StreamAsync(emu, token, "claude-sonnet-4-6");

        Assert.Equal(HttpStatusCode.TooManyRequests, stream.StatusCode);
        Assert.Equal("application/json", stream.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task QuotaExhaustedFault_WeeklyRateLimitStyle_DrainsWeeklyAndDisablesFiveHour()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.AddFaultAsync(JsonNode.Parse("""
            {"times": 1, "match": {"model": "claude-*"}, "action": {"type": "quotaExhausted", "window": "weekly", "resetIn": "166h9m16s", "style": "rateLimit"}}
            """)!.AsObject(), Ct);

        using var faulted = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        var summary = await LimitsKit.SummaryAsync(emu, token);
        using var followUp = await LimitsKit.GenerateAsync(emu, token, "gpt-oss-120b-medium");

        var error = await LimitsKit.ErrorAsync(faulted);
        Assert.Equal("You have exhausted your capacity on this model. Your quota will reset after 166h9m16s.", (string?)error["message"]);
        Assert.Equal("RATE_LIMIT_EXCEEDED", (string?)error["details"]![0]!["reason"]);
        Assert.False(LimitsKit.SummaryBucket(summary, "3p-weekly")!.ContainsKey("remainingFraction"));
        Assert.True((bool?)LimitsKit.SummaryBucket(summary, "3p-5h")!["disabled"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, followUp.StatusCode);
        Assert.StartsWith("Individual quota reached.", (string?)(await LimitsKit.ErrorAsync(followUp))["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"quotaExhausted","window":"daily"}""", "window")]
    [InlineData("""{"type":"quotaExhausted","style":"polite"}""", "polite")]
    public async Task AddFault_BadQuotaWindowOrStyle_BadRequest(string action, string named)
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await LimitsKit.ControlAsync(emu, HttpMethod.Post, "faults", $$"""{"action":{{action}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"], StringComparison.Ordinal);
    }
}
