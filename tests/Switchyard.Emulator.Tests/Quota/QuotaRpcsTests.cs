using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.Quota;

public sealed class QuotaRpcsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FetchAvailableModels_ExhaustedFiveHourBucket_OmitsFractionOnEveryFamilyMember()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-5h", remainingFraction: 0, resetInSeconds: 3600, cancellationToken: Ct);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini-5h", remainingFraction: 0.25, cancellationToken: Ct);

        var models = await LimitsKit.FetchModelsAsync(emu, token);
        using var claudeCall = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");

        foreach (var id in new[] { "claude-opus-4-6-thinking", "claude-sonnet-4-6", "gpt-oss-120b-medium" })
        {
            var quota = models[id]!["quotaInfo"]!.AsObject();
            Assert.False(quota.ContainsKey("remainingFraction"), id);
            Assert.Equal("2026-07-01T08:00:00Z", (string?)quota["resetTime"]);
        }

        foreach (var id in new[] { "gemini-3.1-pro-low", "gemini-pro-agent", "gemini-3-flash", "gemini-3.8-flash-high" })
        {
            Assert.Equal(0.25, (double?)models[id]!["quotaInfo"]!["remainingFraction"]);
        }

        Assert.Equal(1.0, (double?)models["gemini-3.1-flash-image"]!["quotaInfo"]!["remainingFraction"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, claudeCall.StatusCode);
    }

    [Fact]
    public async Task FetchAvailableModels_QuotaExhaustedFault_DrainsTheFamilySoListAgrees()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.AddFaultAsync(JsonNode.Parse("""
            {"times": 1, "match": {"rpc": "generateContent"}, "action": {"type": "quotaExhausted", "resetIn": "30m"}}
            """)!.AsObject(), Ct);

        using var faulted = await LimitsKit.GenerateAsync(emu, token, "gemini-pro-agent");
        var models = await LimitsKit.FetchModelsAsync(emu, token);
        using var followUp = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");

        Assert.Equal(HttpStatusCode.TooManyRequests, faulted.StatusCode);
        Assert.False(models["gemini-3.1-pro-low"]!["quotaInfo"]!.AsObject().ContainsKey("remainingFraction"));
        Assert.Equal("2026-07-01T07:30:00Z", (string?)models["gemini-3.1-pro-low"]!["quotaInfo"]!["resetTime"]);
        Assert.Equal(1.0, (double?)models["claude-sonnet-4-6"]!["quotaInfo"]!["remainingFraction"]);
        // The fault fired once; the follow-up, on another Gemini model, is refused by the drained family window.
        Assert.Equal(HttpStatusCode.TooManyRequests, followUp.StatusCode);
        Assert.Equal("30m0s", (string?)(await LimitsKit.ErrorAsync(followUp))["details"]![0]!["metadata"]!["quotaResetDelay"]);
    }

    [Fact]
    public async Task RetrieveUserQuota_ListsGeminiCliBucketsWithState()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.GeminiCli, "gemini-2.5-pro", remainingFraction: 0.87, cancellationToken: Ct);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.GeminiCli, "gemini-3-flash-preview", remainingFraction: 0, resetInSeconds: 90, cancellationToken: Ct);

        using var response = await emu.CallAsync("retrieveUserQuota", new JsonObject { ["project"] = "" }, token, userAgent: "GeminiCLI/1.0.0/gemini-2.5-pro (linux; x64)");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var buckets = (await EmulatorFixture.ReadJsonAsync(response))["buckets"]!.AsArray().Select(b => b!.AsObject()).ToList();
        Assert.Equal(
            ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-3-flash-preview", "gemini-3-pro-preview", "gemini-3.1-pro-preview", "gemini-3.1-pro-preview-customtools"],
            buckets.Select(b => (string)b["modelId"]!).Order(StringComparer.Ordinal));
        Assert.All(buckets, b => Assert.Equal("REQUESTS", (string?)b["tokenType"]));
        var pro = buckets.Single(b => (string?)b["modelId"] == "gemini-2.5-pro");
        Assert.Equal("87", (string?)pro["remainingAmount"]);
        Assert.Equal(0.87, (double?)pro["remainingFraction"]);
        var flash = buckets.Single(b => (string?)b["modelId"] == "gemini-3-flash-preview");
        Assert.False(flash.ContainsKey("remainingFraction"));
        Assert.Equal("2026-07-01T07:01:30Z", (string?)flash["resetTime"]);
        Assert.Equal(1.0, (double?)buckets.Single(b => (string?)b["modelId"] == "gemini-2.5-flash")["remainingFraction"]);
    }

    [Fact]
    public async Task RetrieveUserQuota_CliCallsSpendTheModelsOwnBucket()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.GeminiCli, "*", costPerRequest: 0.25, cancellationToken: Ct);

        using var first = await LimitsKit.GenerateAsync(emu, token, "gemini-2.5-flash", cli: true);
        using var second = await LimitsKit.GenerateAsync(emu, token, "gemini-2.5-flash", cli: true);
        using var response = await emu.CallAsync("retrieveUserQuota", new JsonObject(), token);
        var buckets = (await EmulatorFixture.ReadJsonAsync(response))["buckets"]!.AsArray();

        Assert.Equal(0.5, (double?)buckets.Single(b => (string?)b!["modelId"] == "gemini-2.5-flash")!["remainingFraction"]);
        Assert.Equal("50", (string?)buckets.Single(b => (string?)b!["modelId"] == "gemini-2.5-flash")!["remainingAmount"]);
        Assert.Equal(1.0, (double?)buckets.Single(b => (string?)b!["modelId"] == "gemini-2.5-pro")!["remainingFraction"]);
    }
}
