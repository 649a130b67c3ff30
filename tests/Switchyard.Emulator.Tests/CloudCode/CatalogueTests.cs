using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Tests.Quota;

namespace Switchyard.Emulator.Tests.CloudCode;

/// <summary>The 2026 catalogue: fetchAvailableModels, retired ids, per-account and per-host differences (upstream-2026 §6).</summary>
public sealed class CatalogueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Served2026 =
    [
        "claude-opus-4-6-thinking", "claude-sonnet-4-6", "gemini-3-flash", "gemini-3.1-flash-image", "gemini-3.1-flash-lite",
        "gemini-3.1-pro-low", "gemini-3.5-flash-lite",
        "gemini-3.6-flash-high", "gemini-3.6-flash-low", "gemini-3.6-flash-medium", "gemini-3.6-flash-tiered",
        "gemini-3.7-flash-high", "gemini-3.7-flash-low", "gemini-3.7-flash-medium", "gemini-3.7-flash-tiered",
        "gemini-3.8-flash-high", "gemini-3.8-flash-low", "gemini-3.8-flash-medium", "gemini-3.8-flash-tiered",
        "gemini-pro-agent", "gpt-oss-120b-medium",
    ];

    private static readonly string[] Internal = ["chat_20706", "chat_23310", "tab_flash_lite_preview", "tab_jump_flash_lite_preview"];

    private static async Task<JsonObject> FetchAsync(EmulatorFixture emu, string label = "daily", string email = EmulatorFixture.Ada)
    {
        using var response = await emu.CallAsync("fetchAvailableModels", new JsonObject(), await emu.TokenAsync(email), label);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await EmulatorFixture.ReadJsonAsync(response);
    }

    private static async Task<HttpResponseMessage> GenerateAsync(EmulatorFixture emu, string model, string label = "daily", string email = EmulatorFixture.Ada) =>
        await emu.CallAsync("generateContent", LimitsKit.AgEnvelope(model), await emu.TokenAsync(email), label);

    [Fact]
    public async Task FetchAvailableModels_Daily_The2026CatalogueWithItsFields()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        var body = await FetchAsync(emu);

        var models = body["models"]!.AsObject();
        Assert.Equal(Served2026.Concat(Internal).Order(StringComparer.Ordinal), models.Select(m => m.Key).Order(StringComparer.Ordinal));
        var agent = models["gemini-pro-agent"]!;
        Assert.Equal("Gemini 3.1 Pro (High)", (string?)agent["displayName"]);
        Assert.Equal(10001, (int?)agent["thinkingBudget"]);
        Assert.Equal("API_PROVIDER_GOOGLE_GEMINI", (string?)agent["apiProvider"]);
        Assert.Equal("MODEL_PROVIDER_GOOGLE", (string?)agent["modelProvider"]);
        Assert.StartsWith("MODEL_PLACEHOLDER_", (string?)agent["model"], StringComparison.Ordinal);
        Assert.Equal(1001, (int?)models["gemini-3.1-pro-low"]!["thinkingBudget"]);
        var gpt = models["gpt-oss-120b-medium"]!.AsObject();
        Assert.Equal("MODEL_OPENAI_GPT_OSS_120B_MEDIUM", (string?)gpt["model"]);
        Assert.Equal("MODEL_PROVIDER_OPENAI", (string?)gpt["modelProvider"]);
        Assert.Equal(131_072, (int?)gpt["maxTokens"]);
        Assert.False(gpt.ContainsKey("supportsImages"));
        Assert.Equal("New", (string?)models["gemini-3.8-flash-high"]!["tagTitle"]);
        Assert.True((bool?)models["gemini-3.8-flash-tiered"]!["supportsAdaptiveThinking"]);
        Assert.All(Internal, id => Assert.True((bool?)models[id]!["isInternal"]));
        Assert.Equal("gemini-3.8-flash-high", (string?)body["defaultAgentModelId"]);
        var recommended = body["agentModelSorts"]![0]!["groups"]![0]!["modelIds"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains("claude-opus-4-6-thinking", recommended);
        Assert.DoesNotContain("gemini-3.8-flash-tiered", recommended);
        Assert.Equal("Recommended", (string?)body["agentModelSorts"]![0]!["displayName"]);
        var deprecated = body["deprecatedModelIds"]!.AsObject();
        Assert.Equal("gemini-pro-agent", (string?)deprecated["gemini-3.1-pro-high"]!["newModelId"]);
        Assert.Equal("gemini-3.7-flash-medium", (string?)deprecated["gemini-3.5-flash-low"]!["newModelId"]);
        Assert.Equal("claude-sonnet-4-6", (string?)deprecated["claude-sonnet-4-5"]!["newModelId"]);
        Assert.Equal(["gemini-3.1-flash-image"], body["imageGenerationModelIds"]!.AsArray().Select(n => (string)n!));
        Assert.Contains("gemini-3-flash", body["webSearchModelIds"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task Prod_LacksTheNewestFlash_DailyServesIt()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        var prod = await FetchAsync(emu, "prod");
        using var onProd = await GenerateAsync(emu, "gemini-3.8-flash-high", "prod");
        using var onDaily = await GenerateAsync(emu, "gemini-3.8-flash-high", "daily");

        Assert.DoesNotContain(prod["models"]!.AsObject(), m => m.Key.StartsWith("gemini-3.8-", StringComparison.Ordinal));
        Assert.Equal("gemini-3.7-flash-high", (string?)prod["defaultAgentModelId"]);
        Assert.Equal(HttpStatusCode.NotFound, onProd.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onDaily.StatusCode);
    }

    [Theory]
    [InlineData("gemini-3.5-flash-low", "Gemini 3.5 Flash is no longer available. Please switch to Gemini 3.7 Flash in the latest version of Antigravity.")]
    [InlineData("gemini-3-flash-agent", "Gemini 3.5 Flash is no longer available. Please switch to Gemini 3.7 Flash in the latest version of Antigravity.")]
    [InlineData("gemini-3-pro-high", "Gemini 3 Pro is no longer available. Please switch to Gemini 3.1 Pro.")]
    [InlineData("claude-sonnet-4-5-thinking", "Claude Sonnet 4.5 is no longer available. Please switch to Claude Sonnet 4.6.")]
    [InlineData("claude-opus-4-5-thinking", "Claude Opus 4.5 is no longer available. Please switch to Claude Opus 4.6!")]
    public async Task Generate_RetiredId_200WithSwitchNotice(string model, string notice)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await GenerateAsync(emu, model);
        var body = await EmulatorFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$$"""{"response":{"candidates":[{"content":{"parts":[{"text":"{{{notice}}}"}]}}]}}"""), body), body.ToJsonString());
        Assert.Equal("retired-model", (await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct))[0].Outcome);
    }

    [Fact]
    public async Task Stream_RetiredId_OneNoticeEvent()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.CallAsync("streamGenerateContent", EmulatorFixture.Envelope("claude-sonnet-4-5"), await emu.TokenAsync(), "daily", query: "?alt=sse");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """data: {"response":{"candidates":[{"content":{"parts":[{"text":"Claude Sonnet 4.5 is no longer available. Please switch to Claude Sonnet 4.6."}]}}]}}""" + "\n\n",
            await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("gemini-3.5-flash")]
    [InlineData("claude-sonnet-4-6-thinking")]
    [InlineData("gemini-2.5-flash")]
    [InlineData("tab_flash_lite_preview")]
    public async Task Generate_UnknownOrUnlistedId_404(string model)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await GenerateAsync(emu, model);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Requested entity was not found.", (string?)(await LimitsKit.ErrorAsync(response))["message"]);
    }

    [Fact]
    public async Task Generate_RetiredIdWithRedirect_ServedByItsSuccessor()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(new JsonObject { ["deprecatedRedirect"] = true }, Ct);

        using var response = await GenerateAsync(emu, "gemini-3.5-flash-extra-low");
        var body = await EmulatorFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gemini-3.7-flash-low", (string?)body["response"]!["modelVersion"]);
    }

    [Fact]
    public async Task ServeLegacyModels_2025IdsServedAndListed()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(JsonNode.Parse("""{"catalogue": {"serveLegacyModels": true}}""")!.AsObject(), Ct);

        using var response = await GenerateAsync(emu, "gemini-3-pro-high");
        var models = (await FetchAsync(emu))["models"]!.AsObject();

        Assert.Equal("gemini-3-pro-high", (string?)(await EmulatorFixture.ReadJsonAsync(response))["response"]!["modelVersion"]);
        Assert.Contains("gemini-2.5-flash", models.Select(m => m.Key));
    }

    [Fact]
    public async Task RemoveModel_OneAccount_LeavesItsCatalogueAnd404sWhileOthersServe()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        var removed = await emu.Control.RemoveModelAsync(EmulatorFixture.Ada, "claude-opus-4-6-thinking", Ct);
        var adaModels = (await FetchAsync(emu))["models"]!.AsObject();
        var graceModels = (await FetchAsync(emu, email: EmulatorFixture.Grace))["models"]!.AsObject();
        using var ada = await GenerateAsync(emu, "claude-opus-4-6-thinking");
        using var adaOther = await GenerateAsync(emu, "claude-sonnet-4-6");
        using var grace = await GenerateAsync(emu, "claude-opus-4-6-thinking", email: EmulatorFixture.Grace);
        await emu.Control.RestoreModelAsync(EmulatorFixture.Ada, "claude-opus-4-6-thinking", Ct);
        using var restored = await GenerateAsync(emu, "claude-opus-4-6-thinking");

        Assert.Equal(["claude-opus-4-6-thinking"], removed["removedModels"]!.AsArray().Select(n => (string)n!));
        Assert.False(adaModels.ContainsKey("claude-opus-4-6-thinking"));
        Assert.True(graceModels.ContainsKey("claude-opus-4-6-thinking"));
        Assert.Equal(HttpStatusCode.NotFound, ada.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adaOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, grace.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    [Theory]
    [InlineData("ada@example.com", "gemini-9-ultra", HttpStatusCode.BadRequest)]
    [InlineData("nobody@example.com", "gemini-3-flash", HttpStatusCode.NotFound)]
    public async Task RemoveModel_UnknownModelOrAccount_Refused(string email, string model, HttpStatusCode status)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => emu.Control.RemoveModelAsync(email, model, Ct));

        Assert.Equal(status, error.StatusCode);
    }
}
