using System.Text.Json.Nodes;
using Switchyard.Emulator.Tests.Quota;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

/// <summary>Issue 15: maxOutputTokens bounded by each model's output limit, the one fetchAvailableModels advertises.</summary>
public sealed class OutputLimitsTests
{
    private static JsonObject WithMaxOutput(string model, long maxOutputTokens) =>
        Envelope(model, [User(Text("Hi"))], new JsonObject { ["maxOutputTokens"] = maxOutputTokens });

    [Fact]
    public async Task Generate_EveryAdvertisedModel_AcceptsItsAdvertisedLimitAndRejectsOneMore()
    {
        await using var emu = await LimitsKit.StartAsync();
        var token = await LimitsKit.TokenAsync(emu);
        var models = await LimitsKit.FetchModelsAsync(emu, token);
        Assert.NotEmpty(models);

        var checkedModels = 0;
        foreach (var (id, info) in models)
        {
            // Internal entries (chat_*, tab_*) carry no limits and are not for generate calls.
            if (info!["maxOutputTokens"] is not { } advertised)
            {
                continue;
            }

            checkedModels++;
            var limit = (long)advertised;
            // Asked on daily, the host whose catalogue was read (prod lacks the newest Flash ids).
            using var atLimit = await emu.CallAsync("generateContent", WithMaxOutput(id, limit), token, "daily");
            using var overLimit = await emu.CallAsync("generateContent", WithMaxOutput(id, limit + 1), token, "daily");

            Assert.True((int)atLimit.StatusCode == 200, $"{id} at its advertised limit {limit}: {(int)atLimit.StatusCode}");
            Assert.True((int)overLimit.StatusCode == 400, $"{id} over its advertised limit {limit}: {(int)overLimit.StatusCode}");
        }

        Assert.True(checkedModels >= 10, $"only {checkedModels} models advertise a limit");
    }

    [Theory]
    [InlineData(Opus, 64_000)]
    [InlineData("gpt-oss-120b-medium", 32_768)]
    [InlineData("gemini-pro-agent", 65_536)]
    [InlineData("gemini-3.1-pro-low", 65_535)]
    public async Task Generate_AboveTheReferenceLimit_Rejected(string model, int limit)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(WithMaxOutput(model, limit + 1), await emu.TokenAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("max-tokens", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_ClaudeAboveLimitWithMaxTokensOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"maxTokens":false}}""");

        using var response = await emu.GenerateAsync(WithMaxOutput(Opus, 128_000), await emu.TokenAsync());

        await AssertOkAsync(response);
    }
}
