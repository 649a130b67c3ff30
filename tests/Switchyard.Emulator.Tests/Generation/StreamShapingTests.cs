using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;

namespace Switchyard.Emulator.Tests.Generation;

/// <summary>
/// Shaping faults attached to scripted replies (<c>responses[].fault</c>); the fault engine hands the
/// same actions to the generator through <c>CloudCodeCall.ShapingFault</c>. The scripted text is 62
/// chars, so an unshaped stream is three events of 24, 24 and 14 chars.
/// </summary>
public sealed class StreamShapingTests
{
    private const string Model = "claude-sonnet-4-6";

    private static JsonObject Mode(string mode, int? afterEvents = null) => afterEvents is null
        ? new JsonObject { ["type"] = "stream", ["mode"] = mode }
        : new JsonObject { ["type"] = "stream", ["mode"] = mode, ["afterEvents"] = afterEvents };

    [Fact]
    public async Task Shaping_NoFault_ThreeEventsEndingWithFinishReason()
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, new JsonObject { ["type"] = "delay" });

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope(Model));

        Assert.Equal(3, events.Count);
        Assert.Equal("STOP", FinishReason(events[^1]));
    }

    [Theory]
    [InlineData("stream")]
    [InlineData("emptyResponse")]
    public async Task Shaping_Empty200OrEmptyResponse_HeadersThenNoEvents(string type)
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, type == "stream" ? Mode("empty200") : new JsonObject { ["type"] = "emptyResponse" });

        var body = await StreamTextAsync(emu, EmulatorFixture.Envelope(Model));

        Assert.Equal("", body);
    }

    [Fact]
    public async Task Shaping_EmptyResponseNonStreaming_CandidateWithoutParts()
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, new JsonObject { ["type"] = "emptyResponse" });

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope(Model));

        Assert.Empty(Parts(body));
    }

    [Fact(Timeout = 30_000)]
    public async Task Shaping_DisconnectAfterEvents_AbortsAfterThatManyEvents()
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, Mode("disconnect", afterEvents: 2));
        using var response = await OpenStreamAsync(emu, EmulatorFixture.Envelope(Model));
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var received = new List<string>();

        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(TestContext.Current.CancellationToken))
            {
                received.Add(item.Data);
            }
        });

        Assert.Equal(2, received.Count);
        Assert.All(received, d => Assert.Null(FinishReason(JsonNode.Parse(d)!.AsObject())));
    }

    [Fact(Timeout = 30_000)]
    public async Task Shaping_DisconnectAfterBytes_CutsTheBodyThere()
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, new JsonObject { ["type"] = "stream", ["mode"] = "disconnect", ["afterBytes"] = 40 });
        using var response = await OpenStreamAsync(emu, EmulatorFixture.Envelope(Model));
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var received = new MemoryStream();

        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received, TestContext.Current.CancellationToken));

        Assert.Equal(40, received.Length);
        Assert.StartsWith("data: {\"response\"", Encoding.UTF8.GetString(received.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shaping_Truncate_CleanEndWithoutFinalEvent()
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, Mode("truncate"));

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope(Model));

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Null(FinishReason(e)));
        Assert.DoesNotContain(events, e => Usage(e)?["candidatesTokenCount"] is not null);
    }

    [Fact]
    public async Task Shaping_ThinkingOnly_OnlyThoughtPartsSigned()
    {
        await using var emu = await StartAsync();
        await emu.Control.AddScriptAsync(new JsonObject
        {
            ["responses"] = new JsonArray
            {
                new JsonObject
                {
                    ["thinking"] = "I should look at the file before I answer the question.",
                    ["text"] = "The answer.",
                    ["functionCalls"] = new JsonArray { new JsonObject { ["name"] = "ls" } },
                    ["fault"] = Mode("thinkingOnly"),
                },
            },
        }, Ct);

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope("claude-opus-4-6-thinking"));

        var parts = AllParts(events);
        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(IsThought(p)));
        Assert.Equal(SignatureCheck.Valid, Signer(emu).Verify((string?)parts[^1]["thoughtSignature"], Signatures.Claude, Text(parts, thought: true)));
        Assert.Equal("STOP", FinishReason(events[^1]));
    }

    [Fact(Timeout = 30_000)]
    public async Task Shaping_Stall_HoldsTheStreamOnTheWallClockAfterNEvents()
    {
        var wall = new TimerSignalingTimeProvider();
        await using var emu = await StartAsync(wall: wall);
        await ScriptFaultAsync(emu, new JsonObject { ["type"] = "stream", ["mode"] = "stall", ["afterEvents"] = 1, ["stallMs"] = 30_000 });
        using var response = await OpenStreamAsync(emu, EmulatorFixture.Envelope(Model));
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromSeconds(30), await wall.NextTimerAsync(TestContext.Current.CancellationToken));
        var first = await ReadEventAsync(stream);
        Assert.Single(await ParseAsync(first));
        var rest = new MemoryStream();
        var copy = stream.CopyToAsync(rest, TestContext.Current.CancellationToken);
        wall.Advance(TimeSpan.FromMilliseconds(29_999));
        Assert.False(copy.IsCompleted);
        wall.Advance(TimeSpan.FromMilliseconds(1));
        await copy;

        var events = await ParseAsync(first + Encoding.UTF8.GetString(rest.ToArray()));
        Assert.Equal(3, events.Count);
        Assert.Equal("STOP", FinishReason(JsonNode.Parse(events[^1])!.AsObject()));
    }

    [Fact(Timeout = 30_000)]
    public async Task Shaping_ClientLeavesDuringStall_StopsWritingAndJournals499()
    {
        var wall = new TimerSignalingTimeProvider();
        await using var emu = await StartAsync(wall: wall);
        await ScriptFaultAsync(emu, new JsonObject { ["type"] = "stream", ["mode"] = "stall", ["afterEvents"] = 1, ["stallMs"] = 60_000 });
        var response = await OpenStreamAsync(emu, EmulatorFixture.Envelope(Model));
        Assert.Equal(TimeSpan.FromSeconds(60), await wall.NextTimerAsync(TestContext.Current.CancellationToken));

        response.Dispose();

        // The server notices the closed connection on its own; poll the journal over HTTP (no clock involved).
        var status = 200;
        while (status != 499)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            status = Assert.Single(await emu.Control.GetRequestsAsync(rpc: "streamGenerateContent", cancellationToken: TestContext.Current.CancellationToken)).Status;
        }

        Assert.Equal(499, status);
    }

    [Fact]
    public async Task Shaping_Heartbeats_OnlyCommentLines()
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, new JsonObject { ["type"] = "stream", ["mode"] = "heartbeats", ["count"] = 4 });

        var body = await StreamTextAsync(emu, EmulatorFixture.Envelope(Model));

        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.StartsWith(":", l, StringComparison.Ordinal));
        Assert.Empty(await ParseAsync(body));
    }

    [Fact]
    public async Task Shaping_ErrorEvent_ErrorDataAfterNEventsThenClose()
    {
        await using var emu = await StartAsync();
        var fault = Mode("errorEvent", afterEvents: 1);
        fault["error"] = new JsonObject { ["code"] = 503, ["status"] = "UNAVAILABLE" };
        await ScriptFaultAsync(emu, fault);

        var data = await StreamDataAsync(emu, EmulatorFixture.Envelope(Model));

        Assert.Equal(2, data.Count);
        var error = JsonNode.Parse(data[1])!["error"]!;
        Assert.Equal(503, (int)error["code"]!);
        Assert.Equal("UNAVAILABLE", (string?)error["status"]);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
    }

    [Fact]
    public async Task Shaping_MalformedLine_BrokenDataMidStreamThenTheRest()
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, Mode("malformedLine", afterEvents: 1));

        var data = await StreamDataAsync(emu, EmulatorFixture.Envelope(Model));

        Assert.Equal(4, data.Count);
        Assert.Equal("{not json", data[1]);
        Assert.Equal("STOP", FinishReason(JsonNode.Parse(data[^1])!.AsObject()));
    }

    [Fact]
    public async Task Shaping_NoUsage_NoUsageMetadataAnywhere()
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, Mode("noUsage"));
        await ScriptFaultAsync(emu, Mode("noUsage"));

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope(Model));
        var body = await GenerateAsync(emu, EmulatorFixture.Envelope(Model));

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Null(Usage(e)));
        Assert.Equal("STOP", FinishReason(events[^1]));
        Assert.Null(Usage(body));
    }

    [Fact]
    public async Task Shaping_FaultDirective_AppliesStreamMode()
    {
        await using var emu = await StartAsync();

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope(Model, "[[emu:len 20]] [[emu:fault truncate]]"));

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Null(FinishReason(e)));
    }

    [Fact]
    public async Task Shaping_FaultDirectiveImmediateType_UsesTheFaultReply()
    {
        await using var emu = await StartAsync();
        var token = await emu.TokenAsync();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            emu.CallAsync("generateContent", EmulatorFixture.Envelope(Model, "[[emu:fault networkReset]]"), token));

        var entry = Assert.Single(await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct));
        Assert.Equal(0, entry.Status);
        Assert.Equal("fault-directive:networkReset", entry.Outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task Shaping_FaultDirectiveWithArgs_AppliesThem()
    {
        var wall = new TimerSignalingTimeProvider();
        await using var emu = await StartAsync(wall: wall);
        using var response = await OpenStreamAsync(emu, EmulatorFixture.Envelope(Model, """[[emu:fault delay {"firstByteMs":321}]]"""));

        Assert.Equal(TimeSpan.FromMilliseconds(321), await wall.NextTimerAsync(TestContext.Current.CancellationToken));
        wall.Advance(TimeSpan.FromMilliseconds(321));
        var data = await ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("STOP", FinishReason(JsonNode.Parse(data[^1])!.AsObject()));
    }

    [Fact(Timeout = 30_000)]
    public async Task Shaping_DelayFault_OverridesConfiguredPacing()
    {
        var wall = new TimerSignalingTimeProvider();
        await using var emu = await StartAsync(new EmulatorConfig { Sse = new SseConfig { FirstByteDelayMs = 10, InterChunkDelayMs = 10 } }, wall);
        await ScriptFaultAsync(emu, new JsonObject { ["type"] = "delay", ["firstByteMs"] = 1234, ["interChunkMs"] = 55 });
        using var response = await OpenStreamAsync(emu, EmulatorFixture.Envelope(Model));
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            delays.Add(await wall.NextTimerAsync(TestContext.Current.CancellationToken));
            wall.Advance(delays[^1]);
        }

        var body = await new StreamReader(stream).ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Equal([TimeSpan.FromMilliseconds(1234), TimeSpan.FromMilliseconds(55), TimeSpan.FromMilliseconds(55)], delays);
        Assert.Equal(3, (await ParseAsync(body)).Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Shaping_DelayFaultNonStreaming_WaitsBeforeTheBody()
    {
        var wall = new TimerSignalingTimeProvider();
        await using var emu = await StartAsync(wall: wall);
        await ScriptFaultAsync(emu, new JsonObject { ["type"] = "delay", ["firstByteMs"] = 2500 });
        var token = await emu.TokenAsync();

        var call = emu.CallAsync("generateContent", EmulatorFixture.Envelope(Model), token);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), await wall.NextTimerAsync(TestContext.Current.CancellationToken));
        Assert.False(call.IsCompleted);
        wall.Advance(TimeSpan.FromMilliseconds(2500));
        using var response = await call;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("STOP", FinishReason(await EmulatorFixture.ReadJsonAsync(response)));
    }

    /// <summary>Reads until the bytes so far end with a blank line (one whole event).</summary>
    private static async Task<string> ReadEventAsync(Stream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().EndsWith("\n\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, Ct);
            Assert.NotEqual(0, n);
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return text.ToString();
    }
}
