using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;
using Switchyard.Emulator.Tests.Generation;
using Switchyard.Emulator.Tests.Quota;

namespace Switchyard.Emulator.Tests.CloudCode;

/// <summary>The client version floor read from the User-Agent (upstream-2026 §4).</summary>
public sealed class VersionFloorTests
{
    private const string Notice = "This version of Antigravity is no longer supported. Please upgrade to receive the latest features.";
    private const string AgyUserAgent = "antigravity/cli/1.1.10 (aidev_client; os_type=darwin; arch=arm64; auth_method=consumer)";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> GenerateAsync(EmulatorFixture emu, string userAgent, string model = "claude-sonnet-4-6", string label = "daily") =>
        await emu.CallAsync("generateContent", EmulatorFixture.Envelope(model), await emu.TokenAsync(), label, userAgent: userAgent);

    [Theory]
    [InlineData("antigravity/hub/2.9.1 darwin/arm64")]
    [InlineData("antigravity/2.9.0 linux/x64")]
    [InlineData("antigravity/hub/2.19.1 windows/x64")]
    [InlineData("Antigravity/4.3.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/132.0.6834.210 Electron/34.3.0")]
    [InlineData("vscode/1.99.0 (Antigravity/2.10.0)")]
    [InlineData("antigravity/hub/2.9.1 darwin/arm64 google-api-nodejs-client/10.3.0")]
    [InlineData(AgyUserAgent)]
    [InlineData("antigravity/cli/1.2.3 (aidev_client; os_type=linux; arch=x64; auth_method=consumer)")]
    public async Task Generate_VersionAtOrAboveDefaultFloor_Served(string userAgent)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await GenerateAsync(emu, userAgent);
        var body = await EmulatorFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("STOP", (string?)body["response"]!["candidates"]![0]!["finishReason"]);
    }

    [Theory]
    [InlineData("antigravity/1.18.3 linux/x64")]
    [InlineData("antigravity/1.23.2 darwin/arm64")]
    [InlineData("antigravity/hub/2.2.1 darwin/arm64")]
    [InlineData("antigravity/2.8.9 darwin/arm64")]
    [InlineData("vscode/1.99.0 (Antigravity/1.15.8)")]
    [InlineData("antigravity/cli/1.0.13 (aidev_client; os_type=darwin; arch=arm64; auth_method=consumer)")]
    [InlineData("curl/8.5.0")]
    [InlineData("")]
    public async Task Generate_VersionBelowDefaultFloorOrUnknown_200Notice(string userAgent)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await GenerateAsync(emu, userAgent);
        var body = await EmulatorFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Notice, (string?)body["response"]!["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
        Assert.Equal("version-notice", (await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct))[0].Outcome);
    }

    [Fact]
    public async Task Generate_BelowFloor_NoticeInTheCapturedShapeAndNothingCharged()
    {
        await using var emu = await LimitsKit.StartAsync(config: new EmulatorConfig { Quota = new QuotaWindowsConfig { FiveHourCostPerRequest = 0.5 } });
        var token = await LimitsKit.TokenAsync(emu);

        using var response = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), token, "daily", userAgent: "antigravity/1.18.3 darwin/arm64");
        var body = await EmulatorFixture.ReadJsonAsync(response);
        var summary = await LimitsKit.SummaryAsync(emu, token);

        var expected = JsonNode.Parse($$$"""{"response": {"candidates": [{"content": {"parts": [{"text": "{{{Notice}}}"}]}}]}}""");
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal(1.0, (double?)LimitsKit.SummaryBucket(summary, "3p-5h")!["remainingFraction"]);
    }

    [Fact]
    public async Task Stream_BelowFloor_OneEventWithoutRoleFinishReasonOrUsage()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.CallAsync("streamGenerateContent", EmulatorFixture.Envelope("gemini-3-flash"), await emu.TokenAsync(),
            "daily", userAgent: "antigravity/1.23.2 darwin/arm64", query: "?alt=sse");
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($$$"""data: {"response":{"candidates":[{"content":{"parts":[{"text":"{{{Notice}}}"}]}}]}}""" + "\n\n", text);
    }

    [Fact]
    public async Task VersionFloor_Configured_LowerFloorAndOwnNoticeAndUnknownClientsAccepted()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        const string older = "Your current version of Antigravity is out of date. Please visit https://antigravity.google/download to download and install the latest version.";
        await emu.Control.PatchConfigAsync(JsonNode.Parse($$$"""{"versionFloor": {"minimumVersion": "1.20.0", "notice": "{{{older}}}", "rejectUnknownClient": false}}""")!.AsObject(), Ct);

        using var accepted = await GenerateAsync(emu, "antigravity/1.23.2 darwin/arm64");
        using var below = await GenerateAsync(emu, "antigravity/1.18.3 darwin/arm64");
        using var unknown = await GenerateAsync(emu, "curl/8.5.0");

        Assert.Equal("STOP", (string?)(await EmulatorFixture.ReadJsonAsync(accepted))["response"]!["candidates"]![0]!["finishReason"]);
        Assert.Equal(older, (string?)(await EmulatorFixture.ReadJsonAsync(below))["response"]!["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
        Assert.Equal("STOP", (string?)(await EmulatorFixture.ReadJsonAsync(unknown))["response"]!["candidates"]![0]!["finishReason"]);
    }

    [Fact]
    public async Task NewModelFloor_IdeBelow290_NewestFlash404OtherModelsServed()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(JsonNode.Parse("""{"versionFloor": {"minimumVersion": "2.0.0"}}""")!.AsObject(), Ct);

        using var newFlash = await GenerateAsync(emu, "antigravity/hub/2.8.0 darwin/arm64", "gemini-3.8-flash-high");
        using var olderFlash = await GenerateAsync(emu, "antigravity/hub/2.8.0 darwin/arm64", "gemini-3.6-flash-high");
        using var current = await GenerateAsync(emu, "antigravity/hub/2.9.0 darwin/arm64", "gemini-3.7-flash-tiered");
        using var agy = await GenerateAsync(emu, AgyUserAgent, "gemini-3.8-flash-low");

        Assert.Equal(HttpStatusCode.NotFound, newFlash.StatusCode);
        Assert.Equal("Requested entity was not found.", (string?)(await LimitsKit.ErrorAsync(newFlash))["message"]);
        Assert.Equal(HttpStatusCode.OK, olderFlash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(HttpStatusCode.OK, agy.StatusCode);
        Assert.Equal("new-model-floor", (await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct))[0].Outcome);
    }

    [Fact]
    public async Task GeminiCliIdentity_NotSubjectToTheFloor()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu), "gemini-2.5-flash", cli: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("STOP", GenerationClient.FinishReason(await EmulatorFixture.ReadJsonAsync(response)));
        Assert.Equal(QuotaPools.GeminiCli, (await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct))[0].Pool);
    }
}
