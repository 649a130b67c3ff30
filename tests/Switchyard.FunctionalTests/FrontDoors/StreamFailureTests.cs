using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.FrontDoors;

/// <summary>An upstream that breaks after the first byte: an in-protocol error event and a clean end, never a retry.</summary>
public sealed class StreamFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Disconnect() =>
        JsonNode.Parse("""{"match":{"rpc":"streamGenerateContent"},"action":{"type":"stream","mode":"disconnect","afterEvents":1}}""")!.AsObject();

    [Fact]
    public async Task Messages_UpstreamDropsMidStream_EndsWithErrorEventAndNoRetry()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(Disconnect(), Ct);
        var body = """{"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"[[emu:text one two three four five six seven eight nine ten]]"}]}""";
        using var response = await h.PostAsync("v1/messages", body, completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await FrontDoorHarness.EventsAsync(response);
        Assert.Equal("message_start", events[0].EventType);
        Assert.Equal("error", events[^1].EventType);
        Assert.Equal("api_error", (string)JsonNode.Parse(events[^1].Data)!["error"]!["type"]!);
        Assert.DoesNotContain(events, e => e.EventType == "message_stop");
        Assert.Single(await h.GenerateCallsAsync());
    }

    [Fact]
    public async Task ChatCompletions_UpstreamDropsMidStream_EndsWithErrorChunkWithoutDone()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(Disconnect(), Ct);
        var body = """{"model":"gemini-3-flash","stream":true,"messages":[{"role":"user","content":"[[emu:text one two three four five six seven eight nine ten]]"}]}""";
        using var response = await h.PostAsync("v1/chat/completions", body, completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await FrontDoorHarness.EventsAsync(response);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        Assert.NotNull(JsonNode.Parse(events[^1].Data)!["error"]);
        Assert.Single(await h.GenerateCallsAsync());
    }
}
