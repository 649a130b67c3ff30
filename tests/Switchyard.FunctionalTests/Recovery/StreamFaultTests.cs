using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Recovery.RecoveryHarness;

namespace Switchyard.FunctionalTests.Recovery;

/// <summary>
/// Stream faults from the emulator and what each protocol's client sees (docs/recovery.md): an empty stream is
/// sent again before the first byte (bounded, then a 502 in the protocol's envelope); a stream cut, truncated or
/// failing after the first byte ends with the protocol's error event and a clean close.
/// </summary>
public sealed class StreamFaultTests
{
    private const string Words = "[[emu:text one two three four five six seven eight nine ten eleven twelve]]";

    private static (string Path, string Body) StreamRequest(string protocol) => protocol switch
    {
        "anthropic" => ("v1/messages", $$"""{"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"{{Words}}"}]}"""),
        "openai" => ("v1/chat/completions", $$"""{"model":"gemini-3-flash","stream":true,"messages":[{"role":"user","content":"{{Words}}"}]}"""),
        _ => ("v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse", $$"""{"contents":[{"role":"user","parts":[{"text":"{{Words}}"}]}]}"""),
    };

    private static async Task<HttpResponseMessage> StreamAsync(FrontDoorHarness h, string protocol)
    {
        var (path, body) = StreamRequest(protocol);
        return await h.PostAsync(path, body, completion: HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The error a protocol's error event or error body carries: (anthropic error.type | openai error.type | gemini error.status).</summary>
    private static string ErrorKind(string protocol, JsonNode error) => protocol switch
    {
        "anthropic" => (string)error["error"]!["type"]!,
        "openai" => (string)error["error"]!["type"]!,
        _ => (string)error["error"]!["status"]!,
    };

    private static bool EndsCleanly(string protocol, List<SseItem<string>> events) => protocol switch
    {
        "anthropic" => events[^1].EventType == "message_stop",
        "openai" => events[^1].Data == "[DONE]",
        _ => JsonNode.Parse(events[^1].Data)!["candidates"]![0]!["finishReason"] is not null,
    };

    private static JsonNode LastError(string protocol, List<SseItem<string>> events)
    {
        var last = events[^1];
        if (protocol == "anthropic")
        {
            Assert.Equal("error", last.EventType);
        }

        Assert.DoesNotContain(events, e => e.Data == "[DONE]" || e.EventType == "message_stop");
        return JsonNode.Parse(last.Data)!;
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    [InlineData("gemini")]
    public async Task Stream_EmptyOnce_SentAgainAndServed(string protocol)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(StreamFault("empty200", times: 1), Ct);

        using var response = await StreamAsync(h, protocol);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(EndsCleanly(protocol, await FrontDoorHarness.EventsAsync(response)));
        Assert.Equal("empty-stream", Repairs(response));
        Assert.Equal(2, (await h.GenerateCallsAsync()).Count);
    }

    [Theory]
    [InlineData("anthropic", 502, "api_error")]
    [InlineData("openai", 502, "server_error")]
    [InlineData("gemini", 502, "INTERNAL")]
    public async Task Stream_AlwaysEmpty_ThreeSendsThenErrorNotEmptySuccess(string protocol, int status, string kind)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(StreamFault("empty200"), Ct);

        using var response = await StreamAsync(h, protocol);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(kind, ErrorKind(protocol, await FrontDoorHarness.JsonAsync(response)));
        Assert.Equal(3, (await h.GenerateCallsAsync()).Count);
    }

    [Theory]
    [InlineData("anthropic", "disconnect", "api_error")]
    [InlineData("openai", "disconnect", "server_error")]
    [InlineData("gemini", "disconnect", "INTERNAL")]
    [InlineData("anthropic", "truncate", "api_error")]
    [InlineData("openai", "truncate", "server_error")]
    [InlineData("gemini", "truncate", "INTERNAL")]
    public async Task Stream_CutAfterFirstEvent_ErrorEventAndCleanClose(string protocol, string mode, string kind)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(StreamFault(mode, afterEvents: 1), Ct);

        using var response = await StreamAsync(h, protocol);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await FrontDoorHarness.EventsAsync(response);
        Assert.True(events.Count >= 2);
        Assert.Equal(kind, ErrorKind(protocol, LastError(protocol, events)));
        Assert.Single(await h.GenerateCallsAsync());
    }

    [Theory]
    [InlineData("anthropic", "overloaded_error")]
    [InlineData("openai", "server_error")]
    [InlineData("gemini", "UNAVAILABLE")]
    public async Task Stream_ErrorEventAfterContent_ProtocolErrorEventWithItsStatus(string protocol, string kind)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var error = new JsonObject { ["code"] = 503, ["message"] = "The service is currently unavailable.", ["status"] = "UNAVAILABLE" };
        await h.Emulator.Control.AddFaultAsync(StreamFault("errorEvent", afterEvents: 1, error: error), Ct);

        using var response = await StreamAsync(h, protocol);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(kind, ErrorKind(protocol, LastError(protocol, await FrontDoorHarness.EventsAsync(response))));
        Assert.Single(await h.GenerateCallsAsync());
    }

    [Theory]
    [InlineData("anthropic", 529, "overloaded_error")]
    [InlineData("openai", 503, "server_error")]
    [InlineData("gemini", 503, "UNAVAILABLE")]
    public async Task Stream_ErrorEventBeforeContent_SentAgainThenTheUpstreamErrorInProtocol(string protocol, int status, string kind)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var error = new JsonObject { ["code"] = 503, ["message"] = "The service is currently unavailable.", ["status"] = "UNAVAILABLE" };
        await h.Emulator.Control.AddFaultAsync(StreamFault("errorEvent", afterEvents: 0, error: error), Ct);

        using var response = await StreamAsync(h, protocol);

        Assert.Equal(status, (int)response.StatusCode);
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Equal(kind, ErrorKind(protocol, json));
        Assert.Equal(3, (await h.GenerateCallsAsync()).Count);
    }
}
