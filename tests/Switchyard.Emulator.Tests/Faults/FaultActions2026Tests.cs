using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Tests.Quota;

namespace Switchyard.Emulator.Tests.Faults;

/// <summary>The fault actions and presets added for the 2026 upstream (upstream-2026 §2-§7, §9).</summary>
public sealed class FaultActions2026Tests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AddAsync(EmulatorFixture emu, string action) =>
        await emu.Control.AddFaultAsync(new JsonObject { ["action"] = JsonNode.Parse(action) }, Ct);

    [Theory]
    [InlineData("validationRequiredLong", 403, "VALIDATION_REQUIRED", "To continue, verify your account at\n\n")]
    [InlineData("tosBan", 403, null, "This service has been disabled in this account for violation of Terms of Service.")]
    [InlineData("unsupportedClient", 403, "UNSUPPORTED_CLIENT", "This client is no longer supported for Gemini Code Assist for individuals.")]
    [InlineData("insufficientCredits", 429, "INSUFFICIENT_G1_CREDITS_BALANCE", "Resource has been exhausted (e.g. check quota).")]
    public async Task Http_2026Preset_StatusReasonAndText(string preset, int status, string? reason, string messageStart)
    {
        await using var emu = await LimitsKit.StartAsync();
        await AddAsync(emu, $$"""{"type":"http","preset":"{{preset}}"}""");

        using var response = await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu), "claude-sonnet-4-6");

        Assert.Equal(status, (int)response.StatusCode);
        var error = await LimitsKit.ErrorAsync(response);
        Assert.StartsWith(messageStart, (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(reason, (string?)error["details"]?[0]?["reason"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Notice_StreamOrNot_200WithTheNoticeAsTheOnlyText(bool streaming)
    {
        await using var emu = await LimitsKit.StartAsync();
        await AddAsync(emu, """{"type":"notice","text":"Gemini 3 Pro is no longer available. Please switch to Gemini 3.1 Pro."}""");
        var token = await LimitsKit.TokenAsync(emu);

        using var response = streaming
            ? await LimitsKit.StreamAsync(emu, token, "gemini-3-flash")
            : await LimitsKit.GenerateAsync(emu, token, "gemini-3-flash");
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        const string body = """{"response":{"candidates":[{"content":{"parts":[{"text":"Gemini 3 Pro is no longer available. Please switch to Gemini 3.1 Pro."}]}}]}}""";
        Assert.Equal(streaming ? "data: " + body + "\n\n" : body, text);
    }

    [Fact]
    public async Task NoticeDirective_DefaultText_IsTheVersionNotice()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu), "claude-sonnet-4-6", userText: "[[emu:fault notice]]");

        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Equal(new EmulatorConfig().VersionFloor.Notice, (string?)body["response"]!["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
        Assert.False(body["response"]!["candidates"]![0]!.AsObject().ContainsKey("finishReason"));
    }

    [Fact]
    public async Task LoadCodeAssistFault_UnsupportedClient_OnlyTheIneligibleTier()
    {
        await using var emu = await LimitsKit.StartAsync();
        await AddAsync(emu, """{"type":"loadCodeAssist","unsupportedClient":true}""");

        using var response = await emu.CallAsync("loadCodeAssist", new JsonObject(), await LimitsKit.TokenAsync(emu));

        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Equal(["ineligibleTiers"], body.Select(p => p.Key));
        Assert.Equal("UNSUPPORTED_CLIENT", (string?)body["ineligibleTiers"]![0]!["reasonCode"]);
    }

    [Fact]
    public async Task Capacity_ExceededReason_UsedInErrorInfo()
    {
        await using var emu = await LimitsKit.StartAsync();
        await AddAsync(emu, """{"type":"capacity","status":503,"reason":"MODEL_CAPACITY_EXCEEDED"}""");

        using var response = await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu), "gemini-3-flash");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("MODEL_CAPACITY_EXCEEDED", (string?)(await LimitsKit.ErrorAsync(response))["details"]![0]!["reason"]);
    }

    [Fact]
    public async Task AddFault_UnknownCapacityReason_BadRequest()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await LimitsKit.ControlAsync(emu, HttpMethod.Post, "faults", """{"action":{"type":"capacity","reason":"BUSY"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(4_794_172L, "479.4172ms")]
    [InlineData(5_772_107_254_055L, "160h20m10.7254055s")]
    [InlineData(0L, "0s")]
    public void Durations_Go_FractionToTheTickAndMillisecondsUnderASecond(long ticks, string expected)
    {
        Assert.Equal(expected, Durations.Go(TimeSpan.FromTicks(ticks)));
    }

    [Theory]
    [InlineData(3 * 24 + 2, 0, "3 days, 2 hours")]
    [InlineData(4, 10, "4 hours, 10 minutes")]
    [InlineData(1, 1, "1 hour, 1 minute")]
    [InlineData(0, 0, "1 minute")]
    public void Durations_Human_DescriptionWording(int hours, int minutes, string expected)
    {
        Assert.Equal(expected, Durations.Human(new TimeSpan(hours, minutes, 0)));
    }
}
