using System.Text.Json.Nodes;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

public sealed class ClaudeToolPairingTests
{
    [Fact]
    public async Task Generate_ParallelCallsAllAnswered_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents =
        [
            User(Text("Read both")),
            Model(Call("read_file", "toolu_1"), Call("read_file", "toolu_2")),
            User(Response("read_file", "toolu_2"), Response("read_file", "toolu_1")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_CallWithoutResultInNextMessage_GetsToolResultMissing()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents =
        [
            User(Text("Read both")),
            Model(Call("read_file", "toolu_1"), Call("list_dir", "toolu_2")),
            User(Response("read_file", "toolu_1")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertClaude400Async(response,
            "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_2. Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
        Assert.Equal("tool-result-missing", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_CallFollowedByUserText_GetsToolResultMissing()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents = [User(Text("Read")), Model(Call("read_file", "toolu_1")), User(Text("Never mind"))];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.ToolResultMissing(1, ["toolu_1"]));
    }

    [Fact]
    public async Task Generate_ResultWithoutCall_GetsUnexpectedToolResult()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents =
        [
            User(Text("Read")),
            Model(Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1"), Response("read_file", "toolu_9")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertClaude400Async(response,
            "messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
        Assert.Equal("unexpected-tool-result", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_IdlessCallsMatchedByName_Pass()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents = [User(Text("Read")), Model(Call("read_file")), User(Response("read_file"))];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_IdlessResultWithOtherName_GetsUnexpectedToolResultNamingIt()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents = [User(Text("Read")), Model(Call("read_file")), User(Response("read_file"), Response("list_dir"))];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.UnexpectedToolResult(2, 1, "list_dir"));
    }

    [Fact]
    public async Task Generate_ToolPairingOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"toolPairing":false}}""");
        JsonArray contents = [User(Text("Read")), Model(Call("read_file", "toolu_1")), User(Response("read_file", "toolu_9"))];

        using var response = await emu.GenerateAsync(Envelope(Sonnet, contents), await emu.TokenAsync());

        await AssertOkAsync(response);
    }
}
