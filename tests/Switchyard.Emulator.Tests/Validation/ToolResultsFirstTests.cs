using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

/// <summary>Issue 15: a Claude user turn answering tool calls starts with its functionResponse parts (toggle <c>toolResultsFirst</c>).</summary>
public sealed class ToolResultsFirstTests
{
    private static JsonArray Loop(Signatures signatures, params JsonNode[] answer) =>
    [
        User(Text("Read a.txt and b.txt")),
        Model(Thought("Both.", signatures.Sign(Signatures.Claude, "Both.")), Call("read_file", "toolu_1"), Call("read_file", "toolu_2")),
        User(answer),
    ];

    [Fact]
    public async Task Generate_TextBeforeToolResults_GetsToolResultMissingForTheLateResults()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var contents = Loop(emu.Server.State.Signatures,
            Response("read_file", "toolu_1"), Text("Here is b:"), Response("read_file", "toolu_2"));

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.ToolResultMissing(1, ["toolu_2"]));
        Assert.Equal("tool-results-first", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_TextFirstThenToolResults_NamesEveryCall()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var contents = Loop(emu.Server.State.Signatures,
            Text("Results:"), Response("read_file", "toolu_1"), Response("read_file", "toolu_2"));

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response,
            "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1, toolu_2. Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
    }

    [Fact]
    public async Task Generate_TextBeforeToolResultsWithToggleOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"toolResultsFirst":false}}""");
        var contents = Loop(emu.Server.State.Signatures,
            Text("Results:"), Response("read_file", "toolu_1"), Response("read_file", "toolu_2"));

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_TextAfterToolResults_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var contents = Loop(emu.Server.State.Signatures,
            Response("read_file", "toolu_1"), Response("read_file", "toolu_2"), Text("<system-reminder>keep going</system-reminder>"));

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_GeminiTextBeforeFunctionResponse_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var signature = emu.Server.State.Signatures.Sign(Signatures.Gemini, "read_file");
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Call("read_file", signature: signature)),
            User(Text("Result:"), Response("read_file")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Flash3, contents), await emu.TokenAsync());

        await AssertOkAsync(response);
    }
}
