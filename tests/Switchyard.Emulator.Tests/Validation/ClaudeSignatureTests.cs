using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

/// <summary>Claude thinking signatures: presence, validity, family, key epoch, sentinel, modes.</summary>
public sealed class ClaudeSignatureTests
{
    private const string Thinking = "I should read a.txt.";

    private static JsonArray LoopSignedWith(string? signature, string thinking = Thinking) =>
    [
        User(Text("Read a.txt")),
        Model(Thought(thinking, signature), Call("read_file", "toolu_1")),
        User(Response("read_file", "toolu_1")),
    ];

    [Fact]
    public async Task Generate_ThinkingWithoutSignature_GetsSignatureRequired()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(Envelope(Opus, LoopSignedWith(null), ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, "messages.1.content.0.thinking.signature: Field required");
        Assert.Equal("signature-required", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_EditedThinkingText_GetsInvalidSignature()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var signature = emu.Server.State.Signatures.Sign(Signatures.Claude, Thinking);

        using var response = await emu.GenerateAsync(
            Envelope(Opus, LoopSignedWith(signature, Thinking + " (edited)"), ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, "messages.1.content.0: Invalid `signature` in `thinking` block");
        Assert.Equal("invalid-signature", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_SignatureFromEarlierKeyEpoch_GetsInvalidSignature()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var signatures = emu.Server.State.Signatures;
        var signature = signatures.Sign(Signatures.Claude, Thinking);
        var token = await emu.TokenAsync();
        using (var before = await emu.GenerateAsync(Envelope(Opus, LoopSignedWith(signature), ThinkingOn()), token))
        {
            await AssertOkAsync(before);
        }

        signatures.Rotate();
        using var response = await emu.GenerateAsync(Envelope(Opus, LoopSignedWith(signature), ThinkingOn()), token);

        await AssertClaude400Async(response, Rejections.InvalidSignature(1));
    }

    [Fact]
    public async Task Generate_GeminiSignatureOnClaudeThinking_GetsInvalidSignature()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var signature = emu.Server.State.Signatures.Sign(Signatures.Gemini, Thinking);

        using var response = await emu.GenerateAsync(Envelope(Opus, LoopSignedWith(signature), ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.InvalidSignature(1));
    }

    [Fact]
    public async Task Generate_GarbageSignature_GetsInvalidSignature()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(
            Envelope(Opus, LoopSignedWith("bm90IGEgc2lnbmF0dXJlIGF0IGFsbCwganVzdCBzb21lIGJhc2U2NCB0ZXh0IGhlcmU="), ThinkingOn()),
            await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.InvalidSignature(1));
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    public async Task Generate_SentinelOnThinking_FollowsAcceptSentinelAndRejectClaudeThinkingSentinel(bool acceptSentinel, bool rejectOnClaude, bool passes)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync($$"""{"acceptSentinel":{{(acceptSentinel ? "true" : "false")}}}""");
        await emu.SetValidateAsync("rejectClaudeThinkingSentinel", rejectOnClaude);

        using var response = await emu.GenerateAsync(
            Envelope(Opus, LoopSignedWith(Signatures.Sentinel), ThinkingOn()), await emu.TokenAsync());

        if (passes)
        {
            await AssertOkAsync(response);
        }
        else
        {
            await AssertClaude400Async(response, Rejections.InvalidSignature(1));
        }
    }

    [Fact]
    public async Task Generate_StreamedThinkingRunSignedOnLastPartWithJoinedRunReading_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"oneThoughtPartPerBlock":false}}""");
        var signature = emu.Server.State.Signatures.Sign(Signatures.Claude, "Let me check.");
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Thought("Let me"), Thought(" check."), Thought("", signature), Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_TrailingSignatureOnEmptyTextPartWithJoinedRunReading_SignsThePrecedingRun()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"oneThoughtPartPerBlock":false}}""");
        var signature = emu.Server.State.Signatures.Sign(Signatures.Claude, "Let me check.");
        var trailing = new JsonObject { ["text"] = "", ["thoughtSignature"] = signature };
        JsonArray contents =
        [
            User(Text("Hi")),
            Model(Thought("Let me"), Thought(" check."), trailing, Text("Hello")),
            User(Text("And?")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_SecondThinkingBlockTampered_NamesItsPartIndex()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var signatures = emu.Server.State.Signatures;
        JsonArray contents =
        [
            User(Text("Read a.txt")),
            Model(Thought("One.", signatures.Sign(Signatures.Claude, "One.")), Thought("Two!", signatures.Sign(Signatures.Claude, "Two.")),
                Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
        ];

        using var response = await emu.GenerateAsync(Envelope(Opus, contents, ThinkingOn()), await emu.TokenAsync());

        await AssertClaude400Async(response, Rejections.InvalidSignature(1, 1));
    }

    [Fact]
    public async Task Generate_LenientMode_ChecksPresenceOnly()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"signatures":"lenient"}}""");
        var token = await emu.TokenAsync();

        using var garbage = await emu.GenerateAsync(Envelope(Opus, LoopSignedWith("not-a-real-signature"), ThinkingOn()), token);
        using var missing = await emu.GenerateAsync(Envelope(Opus, LoopSignedWith(null), ThinkingOn()), token);

        await AssertOkAsync(garbage);
        await AssertClaude400Async(missing, Rejections.SignatureRequired(1));
    }

    [Fact]
    public async Task Generate_SignaturesOff_SkipsChecks()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"signatures":"off"}}""");

        using var response = await emu.GenerateAsync(Envelope(Opus, LoopSignedWith(null), ThinkingOn()), await emu.TokenAsync());

        await AssertOkAsync(response);
    }
}
