using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Tests.Quota;

namespace Switchyard.Emulator.Tests.CloudCode;

/// <summary>The values of the 2026 envelope fields (upstream-2026 §8.1) and the hosts (§8.2).</summary>
public sealed class ClientEnvelopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> GenerateAsync(EmulatorFixture emu, string model, string? requestType, string? userAgent = "antigravity")
    {
        var body = EmulatorFixture.Envelope(model);
        body["requestType"] = requestType;
        body["userAgent"] = userAgent;
        if (requestType is null)
        {
            body.Remove("requestType");
        }

        return await emu.CallAsync("generateContent", body, await emu.TokenAsync(), "daily");
    }

    [Theory]
    [InlineData("claude-sonnet-4-6", "agent", "antigravity", HttpStatusCode.OK)]
    [InlineData("claude-sonnet-4-6", "agent", "jetski", HttpStatusCode.OK)]
    [InlineData("claude-sonnet-4-6", "chat", "antigravity", HttpStatusCode.BadRequest)]
    [InlineData("claude-sonnet-4-6", "agent", "vscode", HttpStatusCode.BadRequest)]
    [InlineData("gemini-3.1-flash-image", "image_gen", "antigravity", HttpStatusCode.OK)]
    public async Task Generate_EnvelopeValues_AcceptedOrRejected(string model, string? requestType, string userAgent, HttpStatusCode expected)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await GenerateAsync(emu, model, requestType, userAgent);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("INVALID_ARGUMENT", (string?)(await LimitsKit.ErrorAsync(response))["status"]);
        }
    }

    [Fact]
    public async Task Generate_EnvelopeValueRulesOff_AnyValuePasses()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(JsonNode.Parse("""
            {"envelope2026": {"requestTypes": [], "userAgents": []}}
            """)!.AsObject(), Ct);

        using var requestType = await GenerateAsync(emu, "claude-sonnet-4-6", "chat", "vscode");

        Assert.Equal(HttpStatusCode.OK, requestType.StatusCode);
    }

    [Fact]
    public async Task Generate_GeminiCliFieldsUnderStrictUnknownFields_Accepted()
    {
        await using var emu = await Quota.LimitsKit.StartAsync(config: new EmulatorConfig { StrictUnknownFields = true });
        var body = Quota.LimitsKit.CliEnvelope("gemini-2.5-pro");
        body["user_prompt_id"] = "prompt-1";
        body["enabled_credit_types"] = new JsonArray("GOOGLE_ONE_AI");
        body["request"]!["session_id"] = "session-1";

        using var response = await emu.CallAsync("generateContent", body, await Quota.LimitsKit.TokenAsync(emu), userAgent: Quota.LimitsKit.CliUserAgent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CountTokens_GeminiCliFormWithModelsPrefix_Counted()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = JsonNode.Parse("""{"request": {"model": "models/gemini-3-flash", "contents": [{"role": "user", "parts": [{"text": "abcdefgh"}]}]}}""")!;

        using var response = await emu.CallAsync("countTokens", body, await emu.TokenAsync(), "daily");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (int?)(await EmulatorFixture.ReadJsonAsync(response))["totalTokens"]);
    }

    [Fact]
    public async Task UnavailableHost_Answers503WhileOthersServe()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(JsonNode.Parse("""{"hosts": {"unavailable": ["daily-sandbox"]}}""")!.AsObject(), Ct);
        var token = await emu.TokenAsync();

        using var sandbox = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), token, "daily-sandbox");
        using var daily = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), token, "daily");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, sandbox.StatusCode);
        Assert.Equal("UNAVAILABLE", (string?)(await LimitsKit.ErrorAsync(sandbox))["status"]);
        Assert.Equal(HttpStatusCode.OK, daily.StatusCode);
    }
}
