using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

/// <summary>Issue 15: thinking rules follow the model id whatever thinkingConfig says (toggle <c>thinkingByModelId</c>).</summary>
public sealed class ThinkingByModelIdTests
{
    private static JsonArray UnthinkingLoop() =>
    [
        User(Text("Read a.txt")),
        Model(Call("read_file", "toolu_1")),
        User(Response("read_file", "toolu_1")),
    ];


    [Fact]
    public async Task Generate_ThinkingIdWithoutThinkingConfig_EnforcesThinkingOrder()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(Envelope(Opus, UnthinkingLoop()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.ThinkingOrder(1, "tool_use"));
    }

    [Fact]
    public async Task Generate_ThinkingIdWithoutThinkingConfigAndToggleOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("thinkingByModelId", false);

        using var response = await emu.GenerateAsync(Envelope(Opus, UnthinkingLoop()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_NonThinkingClaudeIdWithoutThinkingConfig_NeedsNoThinking()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(Envelope(Sonnet, UnthinkingLoop()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Generate_ThinkingPrefillOnThinkingIdWithoutConfig_IsThinkingDisabledOnlyWhenConfigDecides(bool byModelId)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("thinkingByModelId", byModelId);
        await emu.SetValidateAsync("rejectAssistantPrefill", false);
        var signatures = emu.Server.State.Signatures;
        JsonArray contents = [User(Text("Hi")), Model(Thought("Hmm.", signatures.Sign(Signatures.Claude, "Hmm.")), Text("Hel"))];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents), await emu.TokenAsync());

        if (byModelId)
        {
            await AssertOkAsync(response);
        }
        else
        {
            await AssertClaude400Async(response, Rejections.ThinkingDisabled);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"includeThoughts": false}""")]
    public async Task Generate_Gemini3UnsignedCallWhateverThinkingConfig_GetsMissingSignature(string? thinkingConfig)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var generation = thinkingConfig is null ? null : new JsonObject { ["thinkingConfig"] = JsonNode.Parse(thinkingConfig) };
        JsonArray contents = [User(Text("Read a.txt")), Model(Call("read_file")), User(Response("read_file"))];

        using var response = await emu.GenerateAsync(Envelope(Flash3, contents, generation), await emu.TokenAsync());

        await AssertGoogle400Async(response, Rejections.GeminiMissingSignature("read_file", 2));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Generate_Gemini3UnsignedCallWithToggleOff_CheckedOnlyWhenThinkingConfigAsks(bool includeThoughts, bool passes)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("thinkingByModelId", false);
        var generation = includeThoughts ? new JsonObject { ["thinkingConfig"] = new JsonObject { ["includeThoughts"] = true } } : null;
        JsonArray contents = [User(Text("Read a.txt")), Model(Call("read_file")), User(Response("read_file"))];

        using var response = await emu.GenerateAsync(Envelope(Flash3, contents, generation), await emu.TokenAsync());

        if (passes)
        {
            await AssertOkAsync(response);
        }
        else
        {
            await AssertGoogle400Async(response, Rejections.GeminiMissingSignature("read_file", 2));
        }
    }
}
