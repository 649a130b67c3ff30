using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

public sealed class GeminiRulesTests
{
    private static JsonArray Loop(string? firstSignature, string? secondSignature = null) =>
    [
        User(Text("Read a.txt and b.txt")),
        Model(Thought("Reading both."), Call("read_file", signature: firstSignature), Call("list_dir", signature: secondSignature)),
        User(Response("read_file"), Response("list_dir")),
    ];

    [Fact]
    public async Task Generate_FirstCallSignedOverItsName_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var signature = emu.Server.State.Signatures.Sign(Signatures.Gemini, "read_file");

        using var response = await emu.GenerateAsync(Envelope(Flash3, Loop(signature)), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_FirstCallUnsigned_GetsMissingSignatureWithPosition()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var signature = emu.Server.State.Signatures.Sign(Signatures.Gemini, "list_dir");

        using var response = await emu.GenerateAsync(Envelope(Flash3, Loop(null, signature)), await emu.TokenAsync());

        await AssertGoogle400Async(response,
            "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:read_file` , position 2. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.");
        Assert.Equal("gemini-signature-missing", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_UnsignedCallsBeforeLastUserText_Pass()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var contents = Loop(null);
        contents.Add(Model(Text("Both read.")));
        contents.Add(User(Text("Thanks")));

        using var response = await emu.GenerateAsync(Envelope(Flash3, contents), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("other-name")]
    [InlineData("stale")]
    [InlineData("garbage")]
    public async Task Generate_BadSignatureOnFirstCall_GetsCorrupted(string kind)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var signatures = emu.Server.State.Signatures;
        var signature = kind switch
        {
            "claude" => signatures.Sign(Signatures.Claude, "read_file"),
            "other-name" => signatures.Sign(Signatures.Gemini, "write_file"),
            "stale" => signatures.Sign(Signatures.Gemini, "read_file"),
            _ => "garbage-signature-that-is-long-enough-to-be-kept-by-clients-xx",
        };
        if (kind == "stale")
        {
            signatures.Rotate();
        }

        using var response = await emu.GenerateAsync(Envelope(Flash3, Loop(signature)), await emu.TokenAsync());

        await AssertGoogle400Async(response, "Corrupted thought signature.");
        Assert.Equal("gemini-signature-corrupted", await emu.LastOutcomeAsync());
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Generate_SentinelOnFirstCall_FollowsAcceptSentinel(bool acceptSentinel, bool passes)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync($$"""{"acceptSentinel":{{(acceptSentinel ? "true" : "false")}}}""");

        using var response = await emu.GenerateAsync(Envelope(Flash3, Loop(Signatures.Sentinel)), await emu.TokenAsync());

        if (passes)
        {
            await AssertOkAsync(response);
        }
        else
        {
            await AssertGoogle400Async(response, Rejections.CorruptedSignature);
        }
    }

    [Fact]
    public async Task Generate_Gemini3SignaturesOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"gemini3Signatures":false}}""");

        using var response = await emu.GenerateAsync(Envelope(Flash3, Loop(null)), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Generate_Gemini25UnsignedCall_FollowsGemini25Signatures(bool strict)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        // Gemini 2.5 left the 2026 antigravity catalogue; serve the 2025 ids.
        await emu.PatchAsync("""{"catalogue":{"serveLegacyModels":true}}""");
        await emu.SetValidateAsync("gemini25Signatures", strict);

        using var response = await emu.GenerateAsync(Envelope(Flash25, Loop(null)), await emu.TokenAsync());

        if (strict)
        {
            await AssertGoogle400Async(response, Rejections.GeminiMissingSignature("read_file", 2));
        }
        else
        {
            await AssertOkAsync(response);
        }
    }

    [Fact]
    public async Task Generate_ThinkingLevelOnListedModel_GetsRejected()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        static JsonObject Generation() => new() { ["thinkingConfig"] = new JsonObject { ["includeThoughts"] = true, ["thinkingLevel"] = "low" } };
        var token = await emu.TokenAsync();
        using (var before = await emu.GenerateAsync(Envelope(Flash3, [User(Text("Hi"))], Generation()), token))
        {
            await AssertOkAsync(before);
        }

        await emu.PatchAsync("""{"rejectThinkingLevelFor":["gemini-3-flash"]}""");
        using var response = await emu.GenerateAsync(Envelope(Flash3, [User(Text("Hi"))], Generation()), token);

        await AssertGoogle400Async(response, "Thinking level is not supported for this model.");
        Assert.Equal("thinking-level", await emu.LastOutcomeAsync());
    }
}
