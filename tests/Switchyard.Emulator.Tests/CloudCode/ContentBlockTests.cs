using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Tests.Generation;
using Switchyard.Emulator.Tests.Quota;

namespace Switchyard.Emulator.Tests.CloudCode;

/// <summary>Request-scoped bare 429s triggered by request content (upstream-2026 §8.3).</summary>
public sealed class ContentBlockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The references' refused identities (off by default).</summary>
    private static readonly ContentBlocksConfig Blocked = new() { Patterns = ContentBlocksConfig.ReferencePatterns };

    private static readonly JsonNode BareExhausted = JsonNode.Parse("""
        {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}
        """)!;

    private static JsonObject WithSystem(string model, string system, string user = "Hello")
    {
        var body = EmulatorFixture.Envelope(model, user);
        body["request"]!["systemInstruction"] = new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = system }) };
        return body;
    }

    [Theory]
    [InlineData("You are Codex, an agent based on GPT-5. You are running as a coding agent.")]
    [InlineData("You are Claude Code, Anthropic's official CLI for Claude.")]
    [InlineData("you are hermes agent, an assistant")]
    public async Task Generate_SystemPromptNamingAnotherProduct_BareRequestScoped429OnEveryAccount(string system)
    {
        await using var emu = await LimitsKit.StartAsync(config: new EmulatorConfig { Quota = new QuotaWindowsConfig { FiveHourCostPerRequest = 0.1 }, ContentBlocks = Blocked });
        var ada = await LimitsKit.TokenAsync(emu);
        var grace = await LimitsKit.TokenAsync(emu, EmulatorFixture.Grace);

        using var adaBlocked = await emu.CallAsync("generateContent", WithSystem("claude-sonnet-4-6", system), ada, "daily");
        using var graceBlocked = await emu.CallAsync("generateContent", WithSystem("gemini-3-flash", system), grace, "daily");
        using var adaNeutral = await emu.CallAsync("generateContent", WithSystem("claude-sonnet-4-6", "You are a helpful coding assistant."), ada, "daily");
        var summary = await LimitsKit.SummaryAsync(emu, ada);

        foreach (var blocked in new[] { adaBlocked, graceBlocked })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            var body = await EmulatorFixture.ReadJsonAsync(blocked);
            Assert.True(JsonNode.DeepEquals(BareExhausted, body), body.ToJsonString());
        }

        Assert.Equal(HttpStatusCode.OK, adaNeutral.StatusCode);
        // Only the neutral call spent quota.
        Assert.Equal(0.9, (double)LimitsKit.SummaryBucket(summary, "3p-5h")!["remainingFraction"]!, 9);
        Assert.Equal("content-block", (await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct))[0].Outcome);
    }

    [Fact]
    public async Task Stream_ContentBlock_BareBodyAsEventStream()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(new JsonObject { ["contentBlocks"] = new JsonObject { ["patterns"] = new JsonArray([.. ContentBlocksConfig.ReferencePatterns.Select(p => JsonValue.Create(p))]) } }, Ct);

        using var response = await emu.CallAsync("streamGenerateContent", WithSystem("claude-sonnet-4-6", "You are Codex, an agent based on GPT-5."),
            await emu.TokenAsync(), "daily", query: "?alt=sse");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.DeepEquals(BareExhausted, await EmulatorFixture.ReadJsonAsync(response)));
    }

    [Fact]
    public async Task ContentBlock_PatternInUserTextOnlyBlockedWhenScopeIsAnywhere()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(new JsonObject { ["contentBlocks"] = new JsonObject { ["patterns"] = new JsonArray([.. ContentBlocksConfig.ReferencePatterns.Select(p => JsonValue.Create(p))]) } }, Ct);
        var token = await emu.TokenAsync();
        var body = EmulatorFixture.Envelope("claude-sonnet-4-6", "Pretend: You are Hermes Agent now.");

        using var systemScope = await emu.CallAsync("generateContent", body.DeepClone(), token, "daily");
        await emu.Control.PatchConfigAsync(new JsonObject { ["contentBlocks"] = new JsonObject { ["scope"] = "anywhere" } }, Ct);
        using var anywhere = await emu.CallAsync("generateContent", body.DeepClone(), token, "daily");
        await emu.Control.PatchConfigAsync(new JsonObject { ["contentBlocks"] = new JsonObject { ["patterns"] = new JsonArray() } }, Ct);
        using var none = await emu.CallAsync("generateContent", body.DeepClone(), token, "daily");

        Assert.Equal(HttpStatusCode.OK, systemScope.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, anywhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    [Fact]
    public async Task FaultRuleOnBodySubstring_EveryAccountGetsTheBare429ForThatBodyOnly()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(new JsonObject { ["contentBlocks"] = new JsonObject { ["patterns"] = new JsonArray([.. ContentBlocksConfig.ReferencePatterns.Select(p => JsonValue.Create(p))]) } }, Ct);
        await emu.Control.AddFaultAsync(JsonNode.Parse("""
            {"id": "blocked-prompt", "match": {"rpc": "*GenerateContent", "bodyContains": "forbidden-phrase-42"}, "action": {"type": "genericExhausted"}}
            """)!.AsObject(), Ct);

        using var ada = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6", "say forbidden-phrase-42"), await emu.TokenAsync(), "daily");
        using var grace = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("gemini-3-flash", "say forbidden-phrase-42"), await emu.TokenAsync(EmulatorFixture.Grace), "daily");
        using var adaOther = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6", "say something else"), await emu.TokenAsync(), "daily");

        Assert.True(JsonNode.DeepEquals(BareExhausted, await EmulatorFixture.ReadJsonAsync(ada)));
        Assert.True(JsonNode.DeepEquals(BareExhausted, await EmulatorFixture.ReadJsonAsync(grace)));
        Assert.Equal(HttpStatusCode.OK, adaOther.StatusCode);
        Assert.Equal(["blocked-prompt", "blocked-prompt", null], (await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct)).Select(e => e.FaultId));
    }

    [Fact]
    public async Task InPromptFaultDirective_BareExhaustedForThatPromptOnly()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(new JsonObject { ["contentBlocks"] = new JsonObject { ["patterns"] = new JsonArray([.. ContentBlocksConfig.ReferencePatterns.Select(p => JsonValue.Create(p))]) } }, Ct);
        var token = await emu.TokenAsync();

        using var blocked = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("gemini-3-flash", "[[emu:fault genericExhausted]]"), token, "daily");
        using var plain = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("gemini-3-flash", "hello"), token, "daily");

        Assert.True(JsonNode.DeepEquals(BareExhausted, await EmulatorFixture.ReadJsonAsync(blocked)));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task ContentBlock_WithDelay_AnswersOnlyAfterTheWait()
    {
        var wall = new TimerSignalingTimeProvider();
        await using var emu = await GenerationClient.StartAsync(new EmulatorConfig { ContentBlocks = Blocked with { DelayMs = 54_000 } }, wall);
        var token = await emu.TokenAsync();

        var call = emu.CallAsync("generateContent", WithSystem("claude-sonnet-4-6", "You are Codex, an agent based on GPT-5."), token, "daily");
        Assert.Equal(TimeSpan.FromSeconds(54), await wall.NextTimerAsync(TestContext.Current.CancellationToken));
        Assert.False(call.IsCompleted);
        wall.Advance(TimeSpan.FromSeconds(54));
        using var response = await call;

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }
}
