using System.Text;
using Switchyard.Emulator.Generation;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;

namespace Switchyard.Emulator.Tests.Generation;

public sealed class StreamGenerateContentTests
{
    [Fact]
    public async Task Stream_Default_WritesDataLinesWithSpaceLfAndNothingElse()
    {
        await using var emu = await StartAsync();

        var body = await StreamTextAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:len 30]]"));

        var blocks = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(blocks.Length > 1);
        Assert.All(blocks, b => Assert.StartsWith("data: {", b, StringComparison.Ordinal));
        Assert.All(blocks, b => Assert.DoesNotContain('\n', b));
        Assert.EndsWith("}\n\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("event:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("id:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_CrlfLineEnding_EndsEveryLineWithCrlf()
    {
        await using var emu = await StartAsync(new EmulatorConfig { Sse = new SseConfig { LineEnding = "crlf" } });

        var body = await StreamTextAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:len 30]]"));

        var blocks = body.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(blocks.Length > 1);
        Assert.All(blocks, b => Assert.StartsWith("data: {", b, StringComparison.Ordinal));
        Assert.Equal(body.Count(c => c == '\n'), body.Count(c => c == '\r'));
        Assert.Equal(blocks.Length, (await ParseAsync(body)).Count);
    }

    [Fact]
    public async Task Stream_Text_SplitIntoChunksOfConfiguredSize()
    {
        await using var emu = await StartAsync(new EmulatorConfig { Sse = new SseConfig { TextChunkChars = 7 } });

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:text abcdefghijklmnopqrstuvwxyz]]"));

        var pieces = AllParts(events).Select(p => (string)p["text"]!).ToList();
        Assert.Equal(["abcdefg", "hijklmn", "opqrstu", "vwxyz"], pieces);
        Assert.All(events, e => Assert.True(Parts(e).Count <= 1));
    }

    [Fact]
    public async Task Stream_DefaultChunkSize_Is24Chars()
    {
        await using var emu = await StartAsync();

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:len 25]]"));

        Assert.Equal([24, 24, 24, 24, 4], AllParts(events).Select(p => ((string)p["text"]!).Length));
    }

    [Fact]
    public async Task Stream_ClaudeThinking_ManyThoughtPartsThenSignatureOnLastThoughtThenText()
    {
        await using var emu = await StartAsync();

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope("claude-opus-4-6-thinking", "[[emu:think 40]] [[emu:text All done now.]]"));

        var parts = AllParts(events);
        var thoughts = parts.Where(IsThought).ToList();
        Assert.True(thoughts.Count > 5);
        var thinking = Text(parts, thought: true);
        Assert.Equal(40, thinking.Split(' ').Length);
        var signed = Assert.Single(parts, p => p.ContainsKey("thoughtSignature"));
        Assert.Same(thoughts[^1], signed);
        Assert.Equal(SignatureCheck.Valid, Signer(emu).Verify((string?)signed["thoughtSignature"], Signatures.Claude, thinking));
        Assert.Equal(parts.Count - 1, parts.FindLastIndex(p => !IsThought(p)));
        Assert.Equal(thoughts.Count, parts.FindIndex(p => !IsThought(p)));
        Assert.Equal("All done now.", Text(parts));
    }

    [Fact]
    public async Task Stream_Usage_PromptInFirstEventFullInLastOnly()
    {
        await using var emu = await StartAsync();
        var envelope = EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:len 30]]" + new string(' ', 386));

        var events = await StreamEventsAsync(emu, envelope);

        Assert.True(events.Count > 2);
        var first = Usage(events[0])!;
        Assert.Equal(100, (int)first["promptTokenCount"]!);
        Assert.Single(first);
        Assert.All(events.Skip(1).SkipLast(1), e => Assert.Null(Usage(e)));
        var last = Usage(events[^1])!;
        Assert.Equal(100, (int)last["promptTokenCount"]!);
        Assert.Equal(30, (int)last["candidatesTokenCount"]!);
        Assert.Equal(130, (int)last["totalTokenCount"]!);
        Assert.Equal("STOP", FinishReason(events[^1]));
        Assert.All(events.SkipLast(1), e => Assert.Null(FinishReason(e)));
    }

    [Fact]
    public async Task Stream_ClaudeToolTurn_WholeCallsInOwnEventsFinishOther()
    {
        await using var emu = await StartAsync();
        var prompt = """[[emu:text Reading both.]] [[emu:call read_file {"path":"a.txt"}]] [[emu:call read_file {"path":"b.txt"}]]""";

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope("claude-opus-4-6-thinking", prompt));

        var calls = AllParts(events).Where(p => p.ContainsKey("functionCall")).Select(p => p["functionCall"]!).ToList();
        Assert.Equal(["a.txt", "b.txt"], calls.Select(c => (string)c["args"]!["path"]!));
        Assert.Equal(2, calls.Select(c => (string)c["id"]!).Distinct().Count(id => id.StartsWith("toolu_vrtx_", StringComparison.Ordinal)));
        Assert.Equal("OTHER", FinishReason(events[^1]));
        Assert.True(Parts(events[^1])[0].ContainsKey("functionCall"));
    }

    [Fact]
    public async Task Stream_GeminiParallelCalls_SignatureOnFirstCallOnly()
    {
        await using var emu = await StartAsync();
        var prompt = """[[emu:call grep {"q":"x"}]] [[emu:call ls {}]]""";

        var events = await StreamEventsAsync(emu, WithThoughts(EmulatorFixture.Envelope("gemini-pro-agent", "[[emu:think 20]] " + prompt)));

        var parts = AllParts(events);
        var signed = Assert.Single(parts, p => p.ContainsKey("thoughtSignature"));
        Assert.Equal("grep", (string?)signed["functionCall"]?["name"]);
        Assert.Equal(SignatureCheck.Valid, Signer(emu).Verify((string?)signed["thoughtSignature"], Signatures.Gemini, "grep"));
        Assert.True(parts.Count(IsThought) > 1);
        Assert.Equal("STOP", FinishReason(events[^1]));
    }

    [Fact]
    public async Task Stream_MaxTokensDirective_FinishesMaxTokens()
    {
        await using var emu = await StartAsync();

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope("gemini-3-flash", "[[emu:len 50]][[emu:maxtokens]]"));

        Assert.Equal("MAX_TOKENS", FinishReason(events[^1]));
        Assert.Equal(100, Text(AllParts(events)).Length);
    }

    [Fact]
    public async Task Stream_EmptyDirective_OneEventWithoutParts()
    {
        await using var emu = await StartAsync();

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:empty]]"));

        var only = Assert.Single(events);
        Assert.Empty(Parts(only));
        Assert.Equal("STOP", FinishReason(only));
    }

    [Fact]
    public async Task Stream_ImageModel_StreamsInlineData()
    {
        await using var emu = await StartAsync();

        var envelope = EmulatorFixture.Envelope("gemini-3.1-flash-image", "a cat");
        envelope["requestType"] = "image_gen";
        var events = await StreamEventsAsync(emu, envelope);

        Assert.Contains(AllParts(events), p => (string?)p["inlineData"]?["mimeType"] == "image/png");
        Assert.DoesNotContain(AllParts(events), IsThought);
    }

    [Fact(Timeout = 30_000)]
    public async Task Stream_Pacing_WaitsOnWallClockBeforeFirstAndBetweenEvents()
    {
        var wall = new TimerSignalingTimeProvider();
        await using var emu = await StartAsync(new EmulatorConfig { Sse = new SseConfig { FirstByteDelayMs = 5000, InterChunkDelayMs = 700 } }, wall);
        using var response = await OpenStreamAsync(emu, EmulatorFixture.Envelope("claude-sonnet-4-6", "[[emu:text " + new string('a', 30) + "]]"));
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var buffer = new byte[8192];

        Assert.Equal(TimeSpan.FromMilliseconds(5000), await wall.NextTimerAsync(TestContext.Current.CancellationToken));
        var firstRead = stream.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask();
        Assert.False(firstRead.IsCompleted);
        wall.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.False(firstRead.IsCompleted);
        wall.Advance(TimeSpan.FromMilliseconds(1));
        var first = Encoding.UTF8.GetString(buffer, 0, await firstRead);
        Assert.StartsWith("data: ", first, StringComparison.Ordinal);

        Assert.Equal(TimeSpan.FromMilliseconds(700), await wall.NextTimerAsync(TestContext.Current.CancellationToken));
        var rest = new MemoryStream();
        var copy = stream.CopyToAsync(rest, TestContext.Current.CancellationToken);
        Assert.False(copy.IsCompleted);
        wall.Advance(TimeSpan.FromMilliseconds(700));
        await copy;
        var all = first + Encoding.UTF8.GetString(rest.ToArray());
        Assert.Equal(2, (await ParseAsync(all)).Count);
    }
}
