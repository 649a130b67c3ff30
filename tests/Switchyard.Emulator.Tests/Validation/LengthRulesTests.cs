using System.Text.Json.Nodes;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

public sealed class LengthRulesTests
{
    /// <summary>Text of exactly <paramref name="tokens"/> estimated tokens (4 ASCII chars each).</summary>
    private static JsonArray Prompt(int tokens) => [User(Text(new string('a', tokens * 4)))];

    [Fact]
    public async Task Generate_ClaudePromptAtContextLimit_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(Envelope(Sonnet, Prompt(200_000)), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("anthropic", "prompt is too long: 200001 tokens > 200000 maximum")]
    [InlineData("capitalized", "Prompt is too long: 200001 tokens > 200000 maximum")]
    public async Task Generate_ClaudePromptOverContext_GetsPromptTooLongInConfiguredStyle(string style, string message)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync($$"""{"promptTooLongStyle":"{{style}}"}""");

        using var response = await emu.GenerateAsync(Envelope(Sonnet, Prompt(200_001)), await emu.TokenAsync());

        await AssertClaude400Async(response, message);
        Assert.Equal("prompt-too-long", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_GeminiPromptOverContext_GetsPlainGoogleText()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(Envelope(Flash3, Prompt(1_048_577)), await emu.TokenAsync());

        await AssertGoogle400Async(response, "The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).");
    }

    [Fact]
    public async Task Generate_PromptLengthOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"promptLength":false}}""");

        using var response = await emu.GenerateAsync(Envelope(Sonnet, Prompt(200_001)), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData(Flash25, 65535, true)]
    [InlineData(Flash3, 65536, true)]
    [InlineData(Sonnet, 64000, true)]
    [InlineData(Flash25, 65536, false)]
    [InlineData(Flash3, 65537, false)]
    [InlineData(Flash3, 0, false)]
    public async Task Generate_GeminiAndClaudeMaxOutputTokens_BoundedByModelMax(string model, int maxOutput, bool passes)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        // Gemini 2.5 left the 2026 antigravity catalogue; serve the 2025 ids for its rows.
        await emu.PatchAsync("""{"catalogue":{"serveLegacyModels":true}}""");
        var generation = new JsonObject { ["maxOutputTokens"] = maxOutput };

        using var response = await emu.GenerateAsync(Envelope(model, [User(Text("Hi"))], generation), await emu.TokenAsync());

        if (passes)
        {
            await AssertOkAsync(response);
            return;
        }

        var modelMax = model == Flash3 ? 65536 : 65535;
        await AssertGoogle400Async(response,
            $"Unable to submit request because it has a maxOutputTokens value of {maxOutput} but the supported range is from 1 (inclusive) to {modelMax + 1} (exclusive).");
        Assert.Equal("max-tokens", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_ClaudeMaxOutputAboveModelMax_GetsAnthropicText()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var generation = new JsonObject { ["maxOutputTokens"] = 64001 };

        using var response = await emu.GenerateAsync(Envelope(Sonnet, [User(Text("Hi"))], generation), await emu.TokenAsync());

        await AssertClaude400Async(response,
            "max_tokens: 64001 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-6");
    }

    [Fact]
    public async Task Generate_MaxTokensOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"maxTokens":false}}""");
        var generation = new JsonObject { ["maxOutputTokens"] = 100_000 };

        using var response = await emu.GenerateAsync(Envelope(Flash3, [User(Text("Hi"))], generation), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

}
