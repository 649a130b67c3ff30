using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.Provisioning;

public sealed class ProvisioningTests
{
    private const string Alan = "alan@example.com";
    private const string OnboardResponseType = "type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Metadata => new()
    {
        ["metadata"] = new JsonObject { ["ideType"] = "ANTIGRAVITY", ["platform"] = "MACOS", ["pluginType"] = "GEMINI" },
    };

    [Theory]
    [InlineData("FREE", "free-tier", "Gemini Code Assist for individuals", null, null)]
    [InlineData("PRO", "standard-tier", "Google AI Pro", "g1-pro-tier", "Google AI Pro")]
    [InlineData("ULTRA", "standard-tier", "Google AI Ultra", "g1-ultra-tier", "Google AI Ultra")]
    public async Task LoadCodeAssist_OnboardedAccount_ReturnsTierAndStringProject(
        string tier, string currentId, string currentName, string? paidId, string? paidName)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PutAccountAsync(new AccountSeed { Email = Alan, Tier = tier, ProjectId = "calm-wave-1a2b3" }, Ct);

        var body = await LoadCodeAssistAsync(emu, Alan, Metadata);

        Assert.Equal(currentId, (string?)body["currentTier"]!["id"]);
        Assert.Equal(currentName, (string?)body["currentTier"]!["name"]);
        Assert.Equal(paidId, (string?)body["paidTier"]?["id"]);
        Assert.Equal(paidName, (string?)body["paidTier"]?["name"]);
        Assert.Equal("calm-wave-1a2b3", body["cloudaicompanionProject"]!.GetValue<string>());
        AssertAllowedTiers(body);
        Assert.False(body.ContainsKey("ineligibleTiers"));
    }

    [Fact]
    public async Task LoadCodeAssist_NotOnboarded_HasNoCurrentTierAndNoProject()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PutAccountAsync(new AccountSeed { Email = Alan, Onboarded = false }, Ct);

        var body = await LoadCodeAssistAsync(emu, Alan, Metadata);

        Assert.False(body.ContainsKey("currentTier"));
        Assert.False(body.ContainsKey("paidTier"));
        Assert.False(body.ContainsKey("cloudaicompanionProject"));
        AssertAllowedTiers(body);
    }

    [Fact]
    public async Task LoadCodeAssist_WithoutMetadata_StillAnswers()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        // With the Antigravity User-Agent: a node client without metadata is the gemini-cli identity (2026 §5).
        using var response = await emu.CallAsync("loadCodeAssist", new JsonObject(), await emu.TokenAsync(EmulatorFixture.Grace));
        var body = await EmulatorFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("standard-tier", (string?)body["currentTier"]!["id"]);
    }

    [Fact]
    public async Task LoadCodeAssist_MetadataNotAnObject_InvalidArgument()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.CallAsync("loadCodeAssist", new JsonObject { ["metadata"] = "ANTIGRAVITY" }, await emu.TokenAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"]!["status"]);
    }

    [Fact]
    public async Task LoadCodeAssist_NoToken_Unauthenticated()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.CallAsync("loadCodeAssist", Metadata, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OnboardUser_TwoPendingPolls_DoneOnThirdThenLoadCodeAssistReturnsProject()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PutAccountAsync(
            new AccountSeed { Email = Alan, Onboarded = false, OnboardPendingPolls = 2, ProjectId = "calm-wave-1a2b3" }, Ct);
        var token = await emu.TokenAsync(Alan);
        var request = new JsonObject { ["tierId"] = "free-tier", ["metadata"] = Metadata["metadata"]!.DeepClone() };

        var first = await CallOkAsync(emu, "onboardUser", request, token);
        var beforeDone = await LoadCodeAssistAsync(emu, Alan, Metadata);
        var second = await CallOkAsync(emu, "onboardUser", request, token);
        var third = await CallOkAsync(emu, "onboardUser", request, token);
        var after = await LoadCodeAssistAsync(emu, Alan, Metadata);

        Assert.False((bool?)first["done"]);
        Assert.False((bool?)second["done"]);
        Assert.StartsWith("operations/", (string?)first["name"], StringComparison.Ordinal);
        Assert.Equal((string?)first["name"], (string?)second["name"]);
        Assert.False(first.ContainsKey("response"));
        Assert.False(beforeDone.ContainsKey("cloudaicompanionProject"));
        Assert.True((bool?)third["done"]);
        Assert.Equal(OnboardResponseType, (string?)third["response"]!["@type"]);
        Assert.Equal("calm-wave-1a2b3", (string?)third["response"]!["cloudaicompanionProject"]!["id"]);
        Assert.Equal("calm-wave-1a2b3", after["cloudaicompanionProject"]!.GetValue<string>());
        Assert.Equal("free-tier", (string?)after["currentTier"]!["id"]);
    }

    [Fact]
    public async Task OnboardUser_SnakeCaseTierId_IsAccepted()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        var body = await CallOkAsync(emu, "onboardUser", new JsonObject { ["tier_id"] = "standard-tier" }, await emu.TokenAsync());

        Assert.True((bool?)body["done"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("platinum-tier")]
    public async Task OnboardUser_MissingOrUnknownTier_InvalidArgument(string? tierId)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PutAccountAsync(new AccountSeed { Email = Alan, Onboarded = false }, Ct);
        var token = await emu.TokenAsync(Alan);

        using var response = await emu.CallAsync("onboardUser", new JsonObject { ["tierId"] = tierId, ["metadata"] = new JsonObject() }, token);
        var after = await LoadCodeAssistAsync(emu, Alan, Metadata);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"]!["status"]);
        Assert.False(after.ContainsKey("cloudaicompanionProject"));
    }

    private static void AssertAllowedTiers(JsonObject body)
    {
        var allowed = body["allowedTiers"]!.AsArray();
        Assert.Equal(["free-tier", "standard-tier"], allowed.Select(t => (string?)t!["id"]));
        Assert.True((bool?)allowed[0]!["isDefault"]);
    }

    private static async Task<JsonObject> LoadCodeAssistAsync(EmulatorFixture emu, string email, JsonObject request) =>
        await CallOkAsync(emu, "loadCodeAssist", request, await emu.TokenAsync(email));

    private static async Task<JsonObject> CallOkAsync(EmulatorFixture emu, string rpc, JsonObject request, string token)
    {
        using var response = await emu.CallAsync(rpc, request.DeepClone(), token, userAgent: "google-api-nodejs-client/9.15.1");
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }
}
