using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.Quota;

public sealed class LimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateContent_OverRpm_RateLimitedUntilWindowFrees()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, rpm: 2, cancellationToken: Ct);

        using var first = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        await emu.Control.AdvanceClockAsync(TimeSpan.FromSeconds(20), Ct);
        using var second = await LimitsKit.GenerateAsync(emu, token, "claude-opus-4-6-thinking");
        using var third = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        using var otherBucket = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherBucket.StatusCode);
        var error = await LimitsKit.ErrorAsync(third);
        Assert.Equal("RESOURCE_EXHAUSTED", (string?)error["status"]);
        Assert.Equal("Resource has been exhausted (e.g. check quota).", (string?)error["message"]);
        var details = error["details"]!.AsArray();
        Assert.Equal("RATE_LIMIT_EXCEEDED", (string?)details[0]!["reason"]);
        Assert.Equal("claude-sonnet-4-6", (string?)details[0]!["metadata"]!["model"]);
        // The oldest call in the window was 20 s ago, so the window frees in 40 s.
        Assert.Equal("40s", (string?)details[1]!["retryDelay"]);

        await emu.Control.AdvanceClockAsync(TimeSpan.FromSeconds(39), Ct);
        using var stillLimited = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        await emu.Control.AdvanceClockAsync(TimeSpan.FromSeconds(1), Ct);
        using var recovered = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");

        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task GenerateContent_QuotaSpent_ExhaustedWithTemplateThenRefillsAfterReset()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-5h", costPerRequest: 1, cancellationToken: Ct);

        using var spend = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        // The 5 h window started with the spend, so it resets 5 h after it; move to 2h13m5.12s before that.
        await emu.Control.AdvanceClockAsync(TimeSpan.FromHours(5) - new TimeSpan(0, 2, 13, 5, 120), Ct);
        using var exhausted = await LimitsKit.GenerateAsync(emu, token, "claude-opus-4-6-thinking");

        Assert.Equal(HttpStatusCode.OK, spend.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, exhausted.StatusCode);
        Assert.StartsWith("application/json", exhausted.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var error = await LimitsKit.ErrorAsync(exhausted);
        Assert.Equal(429, (int?)error["code"]);
        Assert.Equal("RESOURCE_EXHAUSTED", (string?)error["status"]);
        Assert.Equal("You have exhausted your capacity on this model. Your quota will reset after 2h13m5s.", (string?)error["message"]);
        var details = error["details"]!.AsArray();
        Assert.Equal(2, details.Count);
        Assert.Equal("type.googleapis.com/google.rpc.ErrorInfo", (string?)details[0]!["@type"]);
        Assert.Equal("QUOTA_EXHAUSTED", (string?)details[0]!["reason"]);
        Assert.Equal("cloudcode-pa.googleapis.com", (string?)details[0]!["domain"]);
        var metadata = details[0]!["metadata"]!.AsObject();
        Assert.Equal("true", (string?)metadata["uiMessage"]);
        Assert.Equal("claude-opus-4-6-thinking", (string?)metadata["model"]);
        Assert.Equal("2h13m5.12s", (string?)metadata["quotaResetDelay"]);
        Assert.Equal("2026-07-01T12:00:00Z", (string?)metadata["quotaResetTimeStamp"]);
        Assert.Equal("type.googleapis.com/google.rpc.RetryInfo", (string?)details[1]!["@type"]);
        Assert.Equal("7985.12s", (string?)details[1]!["retryDelay"]);

        await emu.Control.AdvanceClockAsync(new TimeSpan(0, 2, 13, 6), Ct);
        var models = await LimitsKit.FetchModelsAsync(emu, token);
        using var afterReset = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");

        Assert.Equal(1.0, (double?)models["claude-sonnet-4-6"]!["quotaInfo"]!["remainingFraction"]);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
    }

    [Fact]
    public async Task GenerateContent_FractionalCost_ExhaustsAfterEnoughCalls()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini-5h", costPerRequest: 0.1, cancellationToken: Ct);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task GenerateContent_ExhaustedBucket_OtherAccountUnaffected()
    {
        await using var emu = await LimitsKit.StartAsync();
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-5h", remainingFraction: 0, resetInSeconds: 600, cancellationToken: Ct);

        using var ada = await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu, EmulatorFixture.Ada), "claude-sonnet-4-6");
        using var grace = await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu, EmulatorFixture.Grace), "claude-sonnet-4-6");

        Assert.Equal(HttpStatusCode.TooManyRequests, ada.StatusCode);
        Assert.Equal("You have exhausted your capacity on this model. Your quota will reset after 10m0s.", (string?)(await LimitsKit.ErrorAsync(ada))["message"]);
        Assert.Equal(HttpStatusCode.OK, grace.StatusCode);
    }

    [Fact]
    public async Task Pools_GeminiCliAndAntigravity_AreMeteredSeparately()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini", remainingFraction: 0, cancellationToken: Ct);

        using var antigravity = await LimitsKit.GenerateAsync(emu, token, "gemini-3.1-pro-low");
        using var cli = await LimitsKit.GenerateAsync(emu, token, "gemini-2.5-pro", cli: true);
        // A node UA with a body userAgent is the antigravity identity: its version floor answers before quota.
        using var nodeWithBodyAgent = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("gemini-3.1-pro-low"), token, userAgent: LimitsKit.CliUserAgent);

        Assert.Equal(HttpStatusCode.TooManyRequests, antigravity.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cli.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nodeWithBodyAgent.StatusCode);
        var journal = await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct);
        Assert.Equal([QuotaPools.Antigravity, QuotaPools.GeminiCli, QuotaPools.Antigravity], journal.Select(e => e.Pool));
        Assert.Equal("version-notice", journal[2].Outcome);

        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.GeminiCli, "gemini-2.5-pro", remainingFraction: 0, cancellationToken: Ct);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini", remainingFraction: 1, cancellationToken: Ct);
        using var cliAfter = await LimitsKit.GenerateAsync(emu, token, "gemini-2.5-pro", cli: true);
        using var cliOtherModel = await LimitsKit.GenerateAsync(emu, token, "gemini-2.5-flash", cli: true);
        using var antigravityAfter = await LimitsKit.GenerateAsync(emu, token, "gemini-3.1-pro-low");

        Assert.Equal(HttpStatusCode.TooManyRequests, cliAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cliOtherModel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, antigravityAfter.StatusCode);
    }

    [Theory]
    [InlineData("claude-sonnet-4-6")]
    [InlineData("gemini-3.1-flash-image")]
    public async Task GenerateContent_AntigravityOnlyModelInGeminiCliPool_NotFound(string model)
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);

        using var cli = await LimitsKit.GenerateAsync(emu, token, model, cli: true);
        using var antigravity = await LimitsKit.GenerateAsync(emu, token, model);

        Assert.Equal(HttpStatusCode.NotFound, cli.StatusCode);
        Assert.Equal(HttpStatusCode.OK, antigravity.StatusCode);
    }

    [Fact]
    public async Task GenerateContent_CapacityBusyProbabilityOne_ModelCapacityExhausted()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.PatchConfigAsync(new JsonObject { ["capacityBusyProbability"] = 1.0 }, Ct);

        using var response = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await LimitsKit.ErrorAsync(response);
        Assert.Equal("UNAVAILABLE", (string?)error["status"]);
        Assert.Equal("No capacity available for model claude-sonnet-4-6 on the server", (string?)error["message"]);
        Assert.Equal("MODEL_CAPACITY_EXHAUSTED", (string?)error["details"]![0]!["reason"]);
        Assert.Equal("claude-sonnet-4-6", (string?)error["details"]![0]!["metadata"]!["model"]);
    }

    [Fact]
    public async Task GenerateContent_CapacityBusyProbabilityHalf_SameSequenceForSameSeed()
    {
        async Task<List<HttpStatusCode>> RunAsync()
        {
            await using var emu = await LimitsKit.StartAsync(seed: 7);
            var token = await LimitsKit.TokenAsync(emu);
            await emu.Control.PatchConfigAsync(new JsonObject { ["capacityBusyProbability"] = 0.5 }, Ct);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 16; i++)
            {
                using var response = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, first);
    }
}
