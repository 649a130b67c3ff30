using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Control;
using Switchyard.Emulator.State;
using Switchyard.Emulator.Tests.Generation;

namespace Switchyard.Emulator.Tests.Quota;

/// <summary>Google One AI credits (upstream-2026 §3).</summary>
public sealed class CreditsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject OptedIn(string model, string key = "enabledCreditTypes")
    {
        var body = LimitsKit.AgEnvelope(model);
        body[key] = new JsonArray("GOOGLE_ONE_AI");
        return body;
    }

    private static async Task<JsonObject> PaidTierAsync(EmulatorFixture emu, string email)
    {
        using var response = await emu.CallAsync("loadCodeAssist", new JsonObject(), await LimitsKit.TokenAsync(emu, email));
        return (await EmulatorFixture.ReadJsonAsync(response))["paidTier"]?.AsObject() ?? [];
    }

    [Fact]
    public async Task LoadCodeAssist_PaidTier_CarriesTheBalanceAsStrings()
    {
        await using var emu = await LimitsKit.StartAsync();
        await emu.Control.SetCreditsAsync(EmulatorFixture.Grace, 0, Ct);

        var ultra = await PaidTierAsync(emu, EmulatorFixture.Ada);
        var empty = await PaidTierAsync(emu, EmulatorFixture.Grace);
        var free = await PaidTierAsync(emu, LimitsKit.Alan);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"creditType": "GOOGLE_ONE_AI", "creditAmount": "25000", "minimumCreditAmountForUsage": "50"}]"""),
            ultra["availableCredits"]), ultra.ToJsonString());
        Assert.Equal("g1-ultra-tier", (string?)ultra["id"]);
        // A zero int64 is omitted, as proto3 JSON does.
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"creditType": "GOOGLE_ONE_AI", "minimumCreditAmountForUsage": "50"}]"""),
            empty["availableCredits"]), empty.ToJsonString());
        Assert.Empty(free);
    }

    [Fact]
    public async Task Generate_OptedInPastEmptyBucket_ServedOnCreditsAndReported()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-weekly", remainingFraction: 0, cancellationToken: Ct);

        using var withoutOptIn = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        using var optedIn = await emu.CallAsync("generateContent", OptedIn("claude-sonnet-4-6"), token);
        var body = await EmulatorFixture.ReadJsonAsync(optedIn);
        var paid = await PaidTierAsync(emu, EmulatorFixture.Ada);
        var summary = await LimitsKit.SummaryAsync(emu, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, withoutOptIn.StatusCode);
        Assert.Equal("QUOTA_EXHAUSTED", (string?)(await LimitsKit.ErrorAsync(withoutOptIn))["details"]![0]!["reason"]);
        Assert.Equal(HttpStatusCode.OK, optedIn.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"creditType": "GOOGLE_ONE_AI", "creditAmount": "25"}]"""), body["consumedCredits"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"creditType": "GOOGLE_ONE_AI", "creditAmount": "24975"}]"""), body["remainingCredits"]));
        Assert.NotNull(body["response"]!["candidates"]);
        Assert.Equal("24975", (string?)paid["availableCredits"]![0]!["creditAmount"]);
        Assert.False(LimitsKit.SummaryBucket(summary, "3p-weekly")!.ContainsKey("remainingFraction"));
    }

    [Fact]
    public async Task Generate_OptedInWithQuotaLeft_SpendsQuotaNotCredits()
    {
        await using var emu = await LimitsKit.StartAsync(config: new EmulatorConfig { Quota = new QuotaWindowsConfig { FiveHourCostPerRequest = 0.5 } });
        var token = await LimitsKit.TokenAsync(emu);

        using var response = await emu.CallAsync("generateContent", OptedIn("gemini-3-flash"), token);
        var body = await EmulatorFixture.ReadJsonAsync(response);
        var summary = await LimitsKit.SummaryAsync(emu, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.ContainsKey("consumedCredits"));
        Assert.Equal("25000", (string?)(await PaidTierAsync(emu, EmulatorFixture.Ada))["availableCredits"]![0]!["creditAmount"]);
        Assert.Equal(0.5, (double?)LimitsKit.SummaryBucket(summary, "gemini-5h")!["remainingFraction"]);
    }

    [Fact]
    public async Task Generate_BalanceBelowMinimum_InsufficientCreditsBalance()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini-5h", remainingFraction: 0, cancellationToken: Ct);
        await emu.Control.SetCreditsAsync(EmulatorFixture.Ada, 60, Ct);

        using var served = await emu.CallAsync("generateContent", OptedIn("gemini-3-flash"), token);
        using var refused = await emu.CallAsync("generateContent", OptedIn("gemini-3-flash"), token);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("35", (string?)(await EmulatorFixture.ReadJsonAsync(served))["remainingCredits"]![0]!["creditAmount"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var expected = JsonNode.Parse("""
            {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED",
              "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "INSUFFICIENT_G1_CREDITS_BALANCE",
                           "domain": "cloudcode-pa.googleapis.com", "metadata": {"model": "gemini-3-flash"}}]}}
            """);
        var body = await EmulatorFixture.ReadJsonAsync(refused);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public async Task SetCredits_BalanceReturns_CreditsServeAgain()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu, EmulatorFixture.Grace);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Grace, QuotaPools.Antigravity, "3p-5h", remainingFraction: 0, cancellationToken: Ct);
        await emu.Control.SetCreditsAsync(EmulatorFixture.Grace, 10, Ct);

        using var refused = await emu.CallAsync("generateContent", OptedIn("gpt-oss-120b-medium"), token);
        var state = await emu.Control.SetCreditsAsync(EmulatorFixture.Grace, 500, Ct);
        using var served = await emu.CallAsync("generateContent", OptedIn("gpt-oss-120b-medium", key: "enabled_credit_types"), token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(500, (long?)state["credits"]);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("475", (string?)(await EmulatorFixture.ReadJsonAsync(served))["remainingCredits"]![0]!["creditAmount"]);
    }

    [Fact]
    public async Task Stream_OptedInPastEmptyBucket_ReportsCreditsOnTheLastEvent()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-weekly", remainingFraction: 0, cancellationToken: Ct);

        using var response = await emu.CallAsync("streamGenerateContent", OptedIn("claude-sonnet-4-6"), token, "daily", query: "?alt=sse");
        var events = (await GenerationClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct))).Select(d => JsonNode.Parse(d)!.AsObject()).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(events.Count > 1);
        Assert.All(events.SkipLast(1), e => Assert.False(e.ContainsKey("consumedCredits")));
        Assert.Equal("25", (string?)events[^1]["consumedCredits"]![0]!["creditAmount"]);
        Assert.Equal("24975", (string?)events[^1]["remainingCredits"]![0]!["creditAmount"]);
    }

    [Fact]
    public async Task Generate_CreditsDisabled_OptInIgnored()
    {
        await using var emu = await LimitsKit.StartAsync(config: new EmulatorConfig { Credits = new CreditsConfig { Enabled = false } });
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p-weekly", remainingFraction: 0, cancellationToken: Ct);

        using var response = await emu.CallAsync("generateContent", OptedIn("claude-sonnet-4-6"), token);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("QUOTA_EXHAUSTED", (string?)(await LimitsKit.ErrorAsync(response))["details"]![0]!["reason"]);
    }

    [Theory]
    [InlineData("\"GOOGLE_ONE_AI\"", "Invalid value at 'enabled_credit_types' (String)")]
    [InlineData("[\"GOOGLE_PLAY\"]", "Invalid value at 'enabled_credit_types[0]' (type.googleapis.com/google.internal.cloud.code.v1internal.CreditType), \"GOOGLE_PLAY\"")]
    public async Task Generate_MalformedCreditTypes_BadRequest(string value, string message)
    {
        await using var emu = await LimitsKit.StartAsync();
        var body = LimitsKit.AgEnvelope("gemini-3-flash");
        body["enabledCreditTypes"] = JsonNode.Parse(value);

        using var response = await emu.CallAsync("generateContent", body, await LimitsKit.TokenAsync(emu));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Invalid JSON payload received. " + message, (string?)(await LimitsKit.ErrorAsync(response))["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchAccount_NegativeCredits_BadRequest()
    {
        await using var emu = await LimitsKit.StartAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            emu.Control.PatchAccountAsync(EmulatorFixture.Ada, new AccountPatch { Credits = -1 }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("credits", error.Message, StringComparison.Ordinal);
    }
}
