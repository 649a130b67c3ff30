using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Control;
using Switchyard.Emulator.Tests.Quota;

namespace Switchyard.Emulator.Tests.CloudCode;

/// <summary>Account-level answers of 2026: gemini-cli retirement (§5), VALIDATION_REQUIRED (§7.1-7.2), terms-of-service bans (§7.4).</summary>
public sealed class AccountChecksTests
{
    private const string UnsupportedMessage =
        "This client is no longer supported for Gemini Code Assist for individuals. To continue using Gemini, please migrate to the Antigravity suite of products: https://antigravity.google";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject CliMetadata => new()
    {
        ["metadata"] = new JsonObject { ["ideType"] = "IDE_UNSPECIFIED", ["platform"] = "PLATFORM_UNSPECIFIED", ["pluginType"] = "GEMINI" },
    };

    private static JsonObject AntigravityMetadata => new()
    {
        ["metadata"] = new JsonObject { ["ideType"] = "ANTIGRAVITY", ["platform"] = "MACOS", ["pluginType"] = "GEMINI" },
    };

    [Fact]
    public async Task LoadCodeAssist_GeminiCliIdentityOfPersonalAccount_OnlyUnsupportedClient()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu, LimitsKit.Alan);

        using var cli = await emu.CallAsync("loadCodeAssist", CliMetadata, token, userAgent: LimitsKit.CliUserAgent);
        using var antigravity = await emu.CallAsync("loadCodeAssist", AntigravityMetadata, token, userAgent: LimitsKit.CliUserAgent);

        var expected = JsonNode.Parse($$$"""
            {"ineligibleTiers": [{"reasonCode": "UNSUPPORTED_CLIENT", "reasonMessage": "{{{UnsupportedMessage}}}",
              "tierId": "free-tier", "tierName": "Gemini Code Assist for individuals"}]}
            """);
        var body = await EmulatorFixture.ReadJsonAsync(cli);
        Assert.Equal(HttpStatusCode.OK, cli.StatusCode);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal("free-tier", (string?)(await EmulatorFixture.ReadJsonAsync(antigravity))["currentTier"]!["id"]);
    }

    [Fact]
    public async Task LoadCodeAssist_GeminiCliIdentityOfLicensedAccount_KeepsItsTier()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await emu.CallAsync("loadCodeAssist", CliMetadata, await LimitsKit.TokenAsync(emu), userAgent: LimitsKit.CliUserAgent);

        Assert.Equal("standard-tier", (string?)(await EmulatorFixture.ReadJsonAsync(response))["currentTier"]!["id"]);
    }

    [Fact]
    public async Task Generate_GeminiCliIdentityOfPersonalAccount_403WhileAntigravityServes()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu, LimitsKit.Alan);

        using var cli = await LimitsKit.GenerateAsync(emu, token, "gemini-2.5-flash", cli: true);
        using var quota = await emu.CallAsync("retrieveUserQuota", new JsonObject(), token, userAgent: "GeminiCLI/1.0.0/gemini-2.5-pro (linux; x64)");
        using var antigravity = await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");

        var expected = JsonNode.Parse($$$"""
            {"error": {"code": 403, "message": "{{{UnsupportedMessage}}}", "status": "PERMISSION_DENIED",
              "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "UNSUPPORTED_CLIENT", "domain": "cloudcode-pa.googleapis.com"}]}}
            """);
        var body = await EmulatorFixture.ReadJsonAsync(cli);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, quota.StatusCode);
        Assert.Equal(HttpStatusCode.OK, antigravity.StatusCode);
    }

    [Fact]
    public async Task GeminiCliRetiredOff_PersonalAccountKeepsThePool()
    {
        await using var emu = await LimitsKit.StartAsync(config: new EmulatorConfig { AccountChecks = new AccountChecksConfig { GeminiCliRetired = false } });
        var token = await LimitsKit.TokenAsync(emu, LimitsKit.Alan);

        using var cli = await LimitsKit.GenerateAsync(emu, token, "gemini-2.5-flash", cli: true);
        using var load = await emu.CallAsync("loadCodeAssist", CliMetadata, token, userAgent: LimitsKit.CliUserAgent);

        Assert.Equal(HttpStatusCode.OK, cli.StatusCode);
        Assert.Equal("free-tier", (string?)(await EmulatorFixture.ReadJsonAsync(load))["currentTier"]!["id"]);
    }

    [Fact]
    public async Task VerificationRequired_Generate403InTheCapturedShape()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchAccountAsync(EmulatorFixture.Ada, new AccountPatch { VerificationRequired = true }, Ct);

        using var ada = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), await emu.TokenAsync());
        using var grace = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), await emu.TokenAsync(EmulatorFixture.Grace));

        Assert.Equal(HttpStatusCode.Forbidden, ada.StatusCode);
        var error = await LimitsKit.ErrorAsync(ada);
        Assert.Equal("PERMISSION_DENIED", (string?)error["status"]);
        Assert.Equal("Verify your account to continue.", (string?)error["message"]);
        var info = error["details"]![0]!;
        Assert.Equal("VALIDATION_REQUIRED", (string?)info["reason"]);
        Assert.Equal("cloudcode-pa.googleapis.com", (string?)info["domain"]);
        var metadata = info["metadata"]!.AsObject();
        Assert.Equal(
            ["validation_error_message", "validation_url_link_text", "validation_url", "validation_learn_more_link_text", "validation_learn_more_url"],
            metadata.Select(p => p.Key));
        Assert.Equal("Verify your account to continue.", (string?)metadata["validation_error_message"]);
        Assert.Equal("Verify your account", (string?)metadata["validation_url_link_text"]);
        Assert.Equal("Learn more", (string?)metadata["validation_learn_more_link_text"]);
        Assert.Equal("https://support.google.com/accounts?p=al_alert", (string?)metadata["validation_learn_more_url"]);
        var url = (string)metadata["validation_url"]!;
        Assert.Matches(
            @"^https://accounts\.google\.com/signin/continue\?sarp=1&scc=1&continue=https://developers\.google\.com/gemini-code-assist/auth/auth_success_gemini&plt=[A-Za-z0-9_-]{20,}&flowName=GlifWebSignIn&authuser$",
            url);
        var help = error["details"]![1]!;
        Assert.Equal("type.googleapis.com/google.rpc.Help", (string?)help["@type"]);
        Assert.Equal("Verify your account", (string?)help["links"]![0]!["description"]);
        Assert.Equal(url, (string?)help["links"]![0]!["url"]);
        Assert.Equal(HttpStatusCode.OK, grace.StatusCode);
    }

    [Fact]
    public async Task VerificationRequired_LongForm_UrlInTheMessage()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchAccountAsync(EmulatorFixture.Ada, new AccountPatch { VerificationRequired = true }, Ct);
        await emu.Control.PatchConfigAsync(JsonNode.Parse("""{"accountChecks": {"validationMessageForm": "long"}}""")!.AsObject(), Ct);

        using var response = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), await emu.TokenAsync());

        var error = await LimitsKit.ErrorAsync(response);
        var url = (string)error["details"]![0]!["metadata"]!["validation_url"]!;
        Assert.Equal($"To continue, verify your account at\n\n{url}\n\nLearn more\n\nhttps://support.google.com/accounts?p=al_alert\n", (string?)error["message"]);
        Assert.Equal("To continue, verify your account at", (string?)error["details"]![0]!["metadata"]!["validation_message_description"]);
    }

    [Fact]
    public async Task VerificationRequired_LoadCodeAssistIneligibleTierAndSummary403()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchAccountAsync(EmulatorFixture.Ada, new AccountPatch { VerificationRequired = true }, Ct);
        var token = await emu.TokenAsync();

        using var load = await emu.CallAsync("loadCodeAssist", AntigravityMetadata, token);
        using var summary = await emu.CallAsync("retrieveUserQuotaSummary", new JsonObject(), token, "daily");

        var body = await EmulatorFixture.ReadJsonAsync(load);
        Assert.Equal(HttpStatusCode.OK, load.StatusCode);
        Assert.False(body.ContainsKey("currentTier"));
        var tier = body["ineligibleTiers"]![0]!;
        Assert.Equal("VALIDATION_REQUIRED", (string?)tier["reasonCode"]);
        Assert.Equal("Verify your account to continue.", (string?)tier["validationErrorMessage"]);
        Assert.StartsWith("https://accounts.google.com/signin/continue?", (string?)tier["validationUrl"], StringComparison.Ordinal);
        Assert.Equal("Verify your account", (string?)tier["validationUrlLinkText"]);
        Assert.Equal("https://support.google.com/accounts?p=al_alert", (string?)tier["validationLearnMoreUrl"]);
        Assert.Equal(HttpStatusCode.Forbidden, summary.StatusCode);
        Assert.Equal("Verify your account to continue.", (string?)(await LimitsKit.ErrorAsync(summary))["message"]);
    }

    [Theory]
    [InlineData("2026-03", "This service has been disabled in this account for violation of Terms of Service. Please submit an appeal to continue using this product.")]
    [InlineData("2026-02", "Gemini has been disabled in this account for violation of Terms of\n\t\tService. If you believe this is an error, please contact Google Cloud Support, or email\n\t\tgemini-code-assist-user-feedback@google.com.")]
    public async Task TermsOfServiceBan_Every403WithoutDetails(string form, string message)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(new JsonObject { ["accountChecks"] = new JsonObject { ["tosBanMessage"] = form } }, Ct);
        var state = await emu.Control.PatchAccountAsync(EmulatorFixture.Ada, new AccountPatch { TermsOfServiceBanned = true }, Ct);
        var token = await emu.TokenAsync();

        using var generate = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), token);
        using var load = await emu.CallAsync("loadCodeAssist", AntigravityMetadata, token);

        Assert.True((bool?)state["termsOfServiceBanned"]);
        var expected = new JsonObject { ["error"] = new JsonObject { ["code"] = 403, ["message"] = message, ["status"] = "PERMISSION_DENIED" } };
        foreach (var response in new[] { generate, load })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var body = await EmulatorFixture.ReadJsonAsync(response);
            Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        }
    }

    [Theory]
    [InlineData("""{"banned": true}""", "banned")]
    [InlineData("""{"verificationRequired": "yes"}""", "verificationRequired")]
    [InlineData("""{"credits": 1.5}""", "credits")]
    public async Task PatchAccount_Malformed_BadRequestNamingTheKey(string body, string named)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await LimitsKit.ControlAsync(emu, HttpMethod.Patch, "accounts/ada@example.com", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchAccount_UnknownAccount_NotFound()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            emu.Control.PatchAccountAsync("nobody@example.com", new AccountPatch { Disabled = true }, Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
