using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.Tests.Quota;

namespace Switchyard.Emulator.Tests.Faults;

public sealed class FaultMatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Rule(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Sends a call described as <c>label|model|email|pool|text</c> (pool: ag or cli).</summary>
    private static async Task<HttpStatusCode> SendAsync(EmulatorFixture emu, string spec)
    {
        var parts = spec.Split('|');
        var email = parts[2] == "grace" ? EmulatorFixture.Grace : EmulatorFixture.Ada;
        var token = await LimitsKit.TokenAsync(emu, email);
        using var response = parts[3] == "cli"
            ? await emu.CallAsync("generateContent", LimitsKit.CliEnvelope(parts[1]), token, parts[0], userAgent: LimitsKit.CliUserAgent)
            : await emu.CallAsync("generateContent", EmulatorFixture.Envelope(parts[1], parts[4]), token, parts[0]);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("label", "daily-*", "daily-sandbox|claude-sonnet-4-6|ada|ag|Hello", "prod|claude-sonnet-4-6|ada|ag|Hello")]
    [InlineData("label", "AUTOPUSH", "autopush|claude-sonnet-4-6|ada|ag|Hello", "daily|claude-sonnet-4-6|ada|ag|Hello")]
    [InlineData("model", "CLAUDE-*", "prod|claude-opus-4-6-thinking|ada|ag|Hello", "prod|gemini-3-flash|ada|ag|Hello")]
    [InlineData("model", "gemini-3.?-flash-high", "prod|gemini-3.7-flash-high|ada|ag|Hello", "prod|gemini-3-flash|ada|ag|Hello")]
    [InlineData("email", "grace@*", "prod|claude-sonnet-4-6|grace|ag|Hello", "prod|claude-sonnet-4-6|ada|ag|Hello")]
    [InlineData("pool", "gemini-cli", "prod|gemini-2.5-pro|ada|cli|Hello", "prod|gemini-3.1-pro-low|ada|ag|Hello")]
    [InlineData("bodyContains", "PLEASE FAIL", "prod|claude-sonnet-4-6|ada|ag|now please fail here", "prod|claude-sonnet-4-6|ada|ag|Hello")]
    public async Task Match_Key_SelectsOnlyMatchingCalls(string key, string pattern, string hit, string miss)
    {
        await using var emu = await LimitsKit.StartAsync();
        await emu.Control.AddFaultAsync(new JsonObject
        {
            ["match"] = new JsonObject { [key] = pattern },
            ["action"] = new JsonObject { ["type"] = "http", ["status"] = 500 },
        }, Ct);

        var missStatus = await SendAsync(emu, miss);
        var hitStatus = await SendAsync(emu, hit);

        Assert.Equal(HttpStatusCode.OK, missStatus);
        Assert.Equal(HttpStatusCode.InternalServerError, hitStatus);
    }

    [Fact]
    public async Task Match_Rpc_SelectsOnlyThatRpc()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.AddFaultAsync(Rule("""{"match":{"rpc":"fetch*"},"action":{"type":"http","preset":"unavailable"}}"""), Ct);

        using var generate = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        using var fetch = await emu.CallAsync("fetchAvailableModels", new JsonObject(), token);
        using var quota = await emu.CallAsync("retrieveUserQuota", new JsonObject(), token);

        Assert.Equal(HttpStatusCode.OK, generate.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, fetch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, quota.StatusCode);
    }

    [Fact]
    public async Task SkipAndTimes_FireOnlyOnTheCountedCalls()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.AddFaultAsync(Rule("""{"id":"st","skip":1,"times":2,"action":{"type":"genericExhausted"}}"""), Ct);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        var rule = Assert.Single(await emu.Control.GetFaultsAsync(Ct))!;
        Assert.Equal(2, (int?)rule["hits"]);
        Assert.Equal(5, (int?)rule["seen"]);
        Assert.Equal(2, (int?)rule["times"]);
        Assert.Equal(1, (int?)rule["skip"]);
    }

    [Fact]
    public async Task FirstMatchingRule_Wins_AndExhaustedRuleLetsTheNextFire()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.AddFaultsAsync(new JsonArray
        {
            Rule("""{"id":"first","times":1,"match":{"model":"claude-*"},"action":{"type":"http","status":500}}"""),
            Rule("""{"id":"second","action":{"type":"http","status":503}}"""),
        }, Ct);

        using var one = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        using var two = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");

        Assert.Equal(HttpStatusCode.InternalServerError, one.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, two.StatusCode);
        var faults = await emu.Control.GetFaultsAsync(Ct);
        Assert.Equal([1, 1], faults.Select(f => (int)f!["hits"]!));
        var journal = await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct);
        Assert.Equal(["first", "second"], journal.Select(e => e.FaultId));
    }

    [Fact]
    public async Task Probability_FixedSeed_SameSequenceAcrossTwoEmulators()
    {
        static async Task<List<HttpStatusCode>> RunAsync()
        {
            await using var emu = await LimitsKit.StartAsync(seed: 42);
            var token = await LimitsKit.TokenAsync(emu);
            await emu.Control.AddFaultAsync(Rule("""{"probability":0.5,"action":{"type":"http","status":500}}"""), Ct);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 20; i++)
            {
                using var response = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
                statuses.Add(response.StatusCode);
            }

            var rule = (await emu.Control.GetFaultsAsync(Ct))[0]!;
            Assert.Equal(statuses.Count(s => s == HttpStatusCode.InternalServerError), (int?)rule["hits"]);
            Assert.Equal(20, (int?)rule["seen"]);
            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
    }

    [Fact]
    public async Task Probability_Zero_NeverFires()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.AddFaultAsync(Rule("""{"probability":0,"action":{"type":"http","status":500}}"""), Ct);

        for (var i = 0; i < 5; i++)
        {
            using var response = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(0, (int?)(await emu.Control.GetFaultsAsync(Ct))[0]!["hits"]);
    }

    [Fact]
    public async Task AddFaults_GeneratesIdsAndKeepsGivenOnes_GetShowsRulesAsSent()
    {
        await using var emu = await LimitsKit.StartAsync();

        var ids = await emu.Control.AddFaultsAsync(new JsonArray
        {
            Rule("""{"match":{"label":"prod"},"action":{"type":"rateLimit","retryDelay":"3s"}}"""),
            Rule("""{"id":"mine","action":{"type":"networkReset"}}"""),
            Rule("""{"action":{"type":"emptyResponse"}}"""),
        }, Ct);
        var faults = await emu.Control.GetFaultsAsync(Ct);

        Assert.Equal(["fault-1", "mine", "fault-2"], ids);
        Assert.Equal(["fault-1", "mine", "fault-2"], faults.Select(f => (string)f!["id"]!));
        var first = faults[0]!;
        Assert.Equal("prod", (string?)first["match"]!["label"]);
        Assert.Equal("3s", (string?)first["action"]!["retryDelay"]);
        Assert.Null(first["times"]);
        Assert.Equal(1.0, (double?)first["probability"]);
        Assert.Equal(0, (int?)first["hits"]);
    }

    [Fact]
    public async Task DeleteFaults_ById_RemovesOnlyThatRule_AndAllClearsEverything()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        await emu.Control.AddFaultsAsync(new JsonArray
        {
            Rule("""{"id":"a","match":{"model":"claude-*"},"action":{"type":"http","status":500}}"""),
            Rule("""{"id":"b","match":{"model":"gemini-*"},"action":{"type":"http","status":503}}"""),
        }, Ct);

        await emu.Control.ClearFaultsAsync("a", Ct);
        using var claude = await LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6");
        using var gemini = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");
        await emu.Control.ClearFaultsAsync(cancellationToken: Ct);
        using var geminiAfter = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");
        var missing = await Assert.ThrowsAsync<HttpRequestException>(() => emu.Control.ClearFaultsAsync("a", Ct));

        Assert.Equal(HttpStatusCode.OK, claude.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gemini.StatusCode);
        Assert.Equal(HttpStatusCode.OK, geminiAfter.StatusCode);
        Assert.Empty(await emu.Control.GetFaultsAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Reset_ClearsFaults()
    {
        await using var emu = await LimitsKit.StartAsync();
        await emu.Control.AddFaultAsync(Rule("""{"action":{"type":"http","status":500}}"""), Ct);

        await emu.Control.ResetAsync(Ct);

        Assert.Empty(await emu.Control.GetFaultsAsync(Ct));
    }

    [Theory]
    [InlineData("refresh_token", "refresh_token", true)]
    [InlineData("refresh_*", "authorization_code", false)]
    public void Match_OAuthProbe_GrantTypeGlob(string pattern, string grantType, bool fires)
    {
        var book = new FaultBook();
        book.Add([new FaultEntry
        {
            Match = new FaultMatch(Label: "oauth", Rpc: "token", GrantType: pattern),
            Action = new FaultAction("oauth", new JsonObject { ["type"] = "oauth", ["error"] = "invalid_grant" }),
        }]);

        var rule = book.Match(new FaultProbe("oauth", "token", GrantType: grantType));
        var userinfo = book.Match(new FaultProbe("oauth", "userinfo", GrantType: grantType));

        Assert.Equal(fires, rule is not null);
        Assert.Equal(fires ? "invalid_grant" : null, rule?.Action.String("error"));
        Assert.Null(userinfo);
    }
}
