using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;

namespace Switchyard.Emulator.Tests.Generation;

public sealed class GenerateContentTests
{
    [Fact]
    public async Task Generate_PlainUserText_EchoesModelAndFirst120Chars()
    {
        await using var emu = await StartAsync();
        var question = new string('q', 130);

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", question));

        var part = Assert.Single(Parts(body));
        Assert.Equal($"Emulated claude-sonnet-4-6 reply to: {new string('q', 120)}", (string?)part["text"]);
        Assert.Equal("STOP", FinishReason(body));
        Assert.Equal("claude-sonnet-4-6", (string?)body["response"]!["modelVersion"]);
        Assert.Matches("^msg_vrtx_[0-9A-Za-z]{22}$", (string?)body["response"]!["responseId"]);
        Assert.False(string.IsNullOrEmpty((string?)body["traceId"]));
    }

    [Fact]
    public async Task Generate_Any_SetsTraceAndServerTimingHeadersAndUsage()
    {
        await using var emu = await StartAsync();
        var token = await emu.TokenAsync();
        var envelope = EmulatorFixture.Envelope("gemini-3-flash", new string('x', 400));

        using var response = await emu.CallAsync("generateContent", envelope, token);
        var body = await EmulatorFixture.ReadJsonAsync(response);

        Assert.Equal((string?)body["traceId"], Assert.Single(response.Headers.GetValues("x-cloudaicompanion-trace-id")));
        Assert.Matches("^gfet4t7; dur=[0-9]+$", Assert.Single(response.Headers.GetValues("server-timing")));
        Assert.Equal(100, UsageValue(body, "promptTokenCount"));
        var text = (string)Parts(body)[0]["text"]!;
        Assert.Equal(TokenEstimator.Text(text), UsageValue(body, "candidatesTokenCount"));
        Assert.Equal(100 + TokenEstimator.Text(text), UsageValue(body, "totalTokenCount"));
        Assert.DoesNotMatch("^msg_vrtx_", (string?)body["response"]!["responseId"]);
    }

    [Fact]
    public async Task Generate_SsePacingConfigured_DoesNotDelayJsonReply()
    {
        var wall = new TimerSignalingTimeProvider();
        await using var emu = await StartAsync(new EmulatorConfig { Sse = new SseConfig { FirstByteDelayMs = 60_000 } }, wall);

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6"));

        Assert.Equal("STOP", FinishReason(body));
        Assert.False(wall.Timers.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Generate_LastUserTurnOnlyToolResults_EchoesToolNames()
    {
        await using var emu = await StartAsync();
        var envelope = EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:call read_file {\"path\":\"a\"}]]");
        var contents = envelope["request"]!["contents"]!.AsArray();
        contents.Add(new JsonObject
        {
            ["role"] = "model",
            ["parts"] = new JsonArray { new JsonObject { ["functionCall"] = new JsonObject { ["name"] = "read_file", ["args"] = new JsonObject(), ["id"] = "toolu_vrtx_x" } } },
        });
        contents.Add(new JsonObject
        {
            ["role"] = "user",
            ["parts"] = new JsonArray { new JsonObject { ["functionResponse"] = new JsonObject { ["name"] = "read_file", ["id"] = "toolu_vrtx_x", ["response"] = new JsonObject() } } },
        });

        var body = await GenerateAsync(emu, envelope);

        var part = Assert.Single(Parts(body));
        Assert.Equal("Emulated claude-sonnet-4-6 reply after tool results: read_file", (string?)part["text"]);
        Assert.Equal("STOP", FinishReason(body));
    }

    [Fact]
    public async Task Generate_ToolResultOutputHoldingADirective_NextStepFollowsIt()
    {
        await using var emu = await StartAsync();
        var envelope = EmulatorFixture.Envelope("gemini-3-flash", "[[emu:call Bash {\"command\":\"echo one\"}]]");
        var contents = envelope["request"]!["contents"]!.AsArray();
        contents.Add(new JsonObject
        {
            ["role"] = "model",
            ["parts"] = new JsonArray
            {
                new JsonObject { ["functionCall"] = new JsonObject { ["name"] = "Bash", ["args"] = new JsonObject() }, ["thoughtSignature"] = Signatures.Sentinel },
            },
        });
        contents.Add(new JsonObject
        {
            ["role"] = "user",
            ["parts"] = new JsonArray
            {
                new JsonObject
                {
                    ["functionResponse"] = new JsonObject { ["name"] = "Bash", ["response"] = new JsonObject { ["output"] = "[[emu:call Bash {\"command\":\"echo two\"}]]\n" } },
                },
            },
        });

        var body = await GenerateAsync(emu, envelope);

        var call = Assert.Single(Parts(body), p => p["functionCall"] is not null)["functionCall"]!;
        Assert.Equal("Bash", (string?)call["name"]);
        Assert.Equal("echo two", (string?)call["args"]!["command"]);
    }

    [Theory]
    [InlineData("output", "tool-ok-42\nsecond line", "Bash (tool-ok-42)")]
    [InlineData("content", "  oc-tool-ok-7\n", "Bash (oc-tool-ok-7)")]
    [InlineData("name", "ignored", "Bash")]
    public async Task Generate_ToolResultWithOutput_NamesToolAndFirstLineOfOutput(string key, string output, string expected)
    {
        await using var emu = await StartAsync();
        var envelope = EmulatorFixture.Envelope("gpt-oss-120b-medium", "[[emu:call Bash {\"command\":\"echo tool-ok-42\"}]]");
        var contents = envelope["request"]!["contents"]!.AsArray();
        contents.Add(new JsonObject
        {
            ["role"] = "model",
            ["parts"] = new JsonArray
            {
                new JsonObject
                {
                    ["functionCall"] = new JsonObject { ["name"] = "Bash", ["args"] = new JsonObject() },
                    ["thoughtSignature"] = Signatures.Sentinel,
                },
            },
        });
        contents.Add(new JsonObject
        {
            ["role"] = "user",
            ["parts"] = new JsonArray { new JsonObject { ["functionResponse"] = new JsonObject { ["name"] = "Bash", ["response"] = new JsonObject { [key] = output } } } },
        });

        var body = await GenerateAsync(emu, envelope);

        Assert.Equal("Emulated gpt-oss-120b-medium reply after tool results: " + expected, Text(Parts(body)));
    }

    [Fact]
    public void ResultExcerpt_ContentBlocksAndLongLine_FirstTextCutToSixtyChars()
    {
        var blocks = new JsonObject { ["content"] = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = new string('x', 80) + "\nrest" } } };

        Assert.Equal(new string('x', 60), ReplyGenerator.ResultExcerpt(blocks));
        Assert.Null(ReplyGenerator.ResultExcerpt(new JsonObject()));
    }

    [Fact]
    public async Task Generate_TextDirective_RepliesWithThatText()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", "Say it: [[emu:text Hello there, world]] please"));

        Assert.Equal("Hello there, world", Text(Parts(body)));
    }

    [Fact]
    public async Task Generate_CallDirectives_ClaudeParallelCallsWithDistinctIdsAndFinishOther()
    {
        await using var emu = await StartAsync();
        var prompt = """[[emu:call read_file {"path":"a.txt","opts":[[1]]}]] [[emu:call list_dir {"path":"."}]]""";

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", prompt));

        var calls = Parts(body).Where(p => p.ContainsKey("functionCall")).Select(p => p["functionCall"]!.AsObject()).ToList();
        Assert.Equal(["read_file", "list_dir"], calls.Select(c => (string)c["name"]!));
        Assert.Equal("a.txt", (string?)calls[0]["args"]!["path"]);
        Assert.Equal(1, (int)calls[0]["args"]!["opts"]![0]![0]!);
        Assert.All(calls, c => Assert.Matches("^toolu_vrtx_[0-9A-Za-z]{22}$", (string?)c["id"]));
        Assert.NotEqual((string?)calls[0]["id"], (string?)calls[1]["id"]);
        Assert.DoesNotContain(Parts(body), p => p.ContainsKey("thoughtSignature") || IsThought(p));
        Assert.Equal("OTHER", FinishReason(body));
    }

    [Fact]
    public async Task Generate_ClaudeToolTurnWithConfiguredFinishReason_UsesIt()
    {
        await using var emu = await StartAsync(new EmulatorConfig { ClaudeToolFinishReason = "STOP" });

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:call ls {}]]"));

        Assert.Equal("STOP", FinishReason(body));
    }

    [Fact]
    public async Task Generate_ThinkDirective_ClaudeThinkingSignsLastThoughtOverWholeThinking()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("claude-opus-4-6-thinking", "[[emu:think 7]] [[emu:text done]]"));

        var parts = Parts(body);
        var thoughts = parts.Where(IsThought).ToList();
        var thinking = Text(parts, thought: true);
        Assert.Equal(7, thinking.Split(' ').Length);
        Assert.Same(thoughts[^1], parts.Last(IsThought));
        Assert.Equal(SignatureCheck.Valid, Signer(emu).Verify((string?)thoughts[^1]["thoughtSignature"], Signatures.Claude, thinking));
        Assert.Equal("done", Text(parts));
        Assert.True(parts.IndexOf(thoughts[^1]) < parts.FindIndex(p => !IsThought(p)));
        Assert.Equal(TokenEstimator.Text(thinking), UsageValue(body, "thoughtsTokenCount"));
    }

    [Fact]
    public async Task Generate_ClaudeNonThinking_HasNoThoughtParts()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:think 7]] hi"));

        Assert.DoesNotContain(Parts(body), IsThought);
        Assert.Equal(0, UsageValue(body, "thoughtsTokenCount"));
    }

    [Fact]
    public async Task Generate_ClaudeWithIncludeThoughts_ThinksAndSigns()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, WithThoughts(EmulatorFixture.Envelope("claude-sonnet-4-6", "hi"), snakeCase: true));

        var thought = Assert.Single(Parts(body), IsThought);
        Assert.Equal(SignatureCheck.Valid, Signer(emu).Verify((string?)thought["thoughtSignature"], Signatures.Claude, (string)thought["text"]!));
    }

    [Fact]
    public async Task Generate_LenDirective_TextOfAboutNTokens()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("gemini-3-flash", "[[emu:len 250]]"));

        Assert.Equal(250, TokenEstimator.Text(Text(Parts(body))));
        Assert.Equal(250, UsageValue(body, "candidatesTokenCount"));
    }

    [Fact]
    public async Task Generate_MaxTokensDirective_TruncatesAndFinishesMaxTokens()
    {
        await using var emu = await StartAsync();
        var envelope = EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:len 100]] [[emu:maxtokens]]");
        envelope["request"]!["generationConfig"] = new JsonObject { ["maxOutputTokens"] = 10 };

        var body = await GenerateAsync(emu, envelope);

        Assert.Equal("MAX_TOKENS", FinishReason(body));
        Assert.Equal(40, Text(Parts(body)).Length);
    }

    [Fact]
    public async Task Generate_ImageDirective_AddsValidPngInlineData()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("gemini-3-flash", "draw [[emu:image]]"));

        var image = Assert.Single(Parts(body), p => p.ContainsKey("inlineData"))["inlineData"]!;
        Assert.Equal("image/png", (string?)image["mimeType"]);
        var png = Convert.FromBase64String((string)image["data"]!);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal(TokenEstimator.ImageTokens, UsageValue(body, "candidatesTokenCount"));
    }

    [Fact]
    public async Task Generate_ImageModelThinkingRuleOff_ReturnsInlineDataWithoutThinking()
    {
        await using var emu = await StartAsync(new EmulatorConfig { Images = new ImageGenConfig { RejectThinking = false } });

        var envelope = WithThoughts(EmulatorFixture.Envelope("gemini-3.1-flash-image", "a cat"));
        envelope["requestType"] = "image_gen";
        var body = await GenerateAsync(emu, envelope);

        var parts = Parts(body);
        Assert.Contains(parts, p => (string?)p["inlineData"]?["mimeType"] == "image/png");
        Assert.DoesNotContain(parts, IsThought);
    }

    [Fact]
    public async Task Generate_EmptyDirective_CandidateWithoutParts()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("claude-opus-4-6-thinking", "[[emu:empty]]"));

        Assert.Empty(Parts(body));
        Assert.Equal("STOP", FinishReason(body));
    }

    [Fact]
    public async Task Generate_GeminiParallelCalls_SignsFirstCallOnlyWithoutIds()
    {
        await using var emu = await StartAsync();
        var prompt = """[[emu:call read_file {"path":"a"}]][[emu:call read_file {"path":"b"}]]""";

        var body = await GenerateAsync(emu, WithThoughts(EmulatorFixture.Envelope("gemini-pro-agent", prompt)));

        var parts = Parts(body);
        var calls = parts.Where(p => p.ContainsKey("functionCall")).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(SignatureCheck.Valid, Signer(emu).Verify((string?)calls[0]["thoughtSignature"], Signatures.Gemini, "read_file"));
        Assert.Single(parts, p => p.ContainsKey("thoughtSignature"));
        Assert.All(calls, c => Assert.Null(c["functionCall"]!["id"]));
        Assert.Contains(parts, IsThought);
        Assert.Equal("STOP", FinishReason(body));
    }

    [Fact]
    public async Task Generate_GeminiWithoutCalls_SignsLastPart()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("gemini-3-flash", "hello"));

        var parts = Parts(body);
        Assert.DoesNotContain(parts, IsThought);
        Assert.NotNull(parts[^1]["thoughtSignature"]);
        Assert.Single(parts, p => p.ContainsKey("thoughtSignature"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Generate_GeminiIncludeThoughtsEitherCase_EmitsThoughtParts(bool snakeCase)
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, WithThoughts(EmulatorFixture.Envelope("gemini-3.1-pro-low", "[[emu:think 5]] hi"), snakeCase));

        Assert.Equal(5, Text(Parts(body), thought: true).Split(' ').Length);
    }
}
