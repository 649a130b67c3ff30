using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

/// <summary>
/// Issue 15: thinking on every tool-call turn (toggle <c>thinkingOnEveryToolTurn</c>) and one thought part per
/// block (toggle <c>oneThoughtPartPerBlock</c>). Each reading is tested, and what satisfies both.
/// </summary>
public sealed class ThinkingHistoryTests
{

    private static JsonObject SignedThought(Signatures signatures, string text) => Thought(text, signatures.Sign(Signatures.Claude, text));

    /// <summary>Two tool steps; the first model turn has no thinking, the final one has signed thinking.</summary>
    private static JsonArray TwoStepsFirstUnthinking(Signatures signatures) =>
    [
        User(Text("Read a.txt and b.txt")),
        Model(Call("read_file", "toolu_1")),
        User(Response("read_file", "toolu_1")),
        Model(SignedThought(signatures, "Now b."), Call("read_file", "toolu_2")),
        User(Response("read_file", "toolu_2")),
    ];

    [Fact]
    public async Task Generate_EarlierToolTurnWithoutThinking_GetsThinkingOrderForThatTurn()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(
            Envelope(Opus, TwoStepsFirstUnthinking(emu.Server.State.Signatures), ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.ThinkingOrder(1, "tool_use"));
        Assert.Equal("thinking-order", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_EarlierToolTurnWithoutThinkingAndFinalTurnReading_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("thinkingOnEveryToolTurn", false);

        using var response = await emu.GenerateAsync(
            Envelope(Opus, TwoStepsFirstUnthinking(emu.Server.State.Signatures), ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_ToolTurnWithoutThinkingBeforeNewUserText_GetsThinkingOrder()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Text("Reading."), Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
            Model(SignedThought(emu.Server.State.Signatures, "Done."), Text("Done.")),
            User(Text("Thanks, now summarise.")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.ThinkingOrder(1, "text"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Generate_SignedThinkingOnEveryToolTurn_PassesEitherReading(bool everyToolTurn)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("thinkingOnEveryToolTurn", everyToolTurn);
        var signatures = emu.Server.State.Signatures;
        JsonArray contents =
        [
            User(Text("Read a.txt and b.txt")),
            Model(SignedThought(signatures, "First a."), Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
            Model(SignedThought(signatures, "Now b."), Call("read_file", "toolu_2")),
            User(Response("read_file", "toolu_2")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    /// <summary>A thought streamed as two parts, the signature (over the whole text) on the second.</summary>
    private static JsonArray SplitThought(Signatures signatures) =>
    [
        User(Text("Read a.txt")),
        Model(Thought("Let me"), Thought(" check.", signatures.Sign(Signatures.Claude, "Let me check.")), Call("read_file", "toolu_1")),
        User(Response("read_file", "toolu_1")),
    ];

    [Fact]
    public async Task Generate_ThoughtSplitIntoParts_GetsSignatureRequiredOnTheFirstPart()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(Envelope(Opus, SplitThought(emu.Server.State.Signatures), ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.SignatureRequired(1, 0));
        Assert.Equal("signature-required", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_ThoughtSplitIntoPartsWithJoinedRunReading_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("oneThoughtPartPerBlock", false);

        using var response = await emu.GenerateAsync(Envelope(Opus, SplitThought(emu.Server.State.Signatures), ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Generate_SplitThoughtJoinedIntoOnePart_PassesEitherReading(bool onePartPerBlock)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("oneThoughtPartPerBlock", onePartPerBlock);
        var signature = emu.Server.State.Signatures.Sign(Signatures.Claude, "Let me check.");
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Thought("Let me check.", signature), Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Generate_OnlyTheSignedPartSentBack_GetsInvalidSignatureEitherReading(bool onePartPerBlock)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("oneThoughtPartPerBlock", onePartPerBlock);
        var signature = emu.Server.State.Signatures.Sign(Signatures.Claude, "Let me check.");
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Thought(" check.", signature), Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.InvalidSignature(1, 0));
    }

    [Fact]
    public async Task Generate_SentinelOnClaudeThinkingByDefault_GetsInvalidSignature()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Thought("I should read a.txt.", Signatures.Sentinel), Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.InvalidSignature(1));
    }
}
