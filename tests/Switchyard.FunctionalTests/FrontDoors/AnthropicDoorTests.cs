using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class AnthropicDoorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Body(string text, string model = "claude-sonnet-4-5", bool stream = false, int maxTokens = 256) =>
        new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = maxTokens,
            ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        }.ToJsonString();

    [Fact]
    public async Task Messages_TextNonStream_ReturnsMessageWithHeaders()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1/messages", Body("[[emu:text Hello from the emulator]]"));
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message", (string)json["type"]!);
        Assert.Equal("assistant", (string)json["role"]!);
        Assert.Equal("claude-sonnet-4-5", (string)json["model"]!);
        Assert.Contains("Hello from the emulator", (string)json["content"]![0]!["text"]!, StringComparison.Ordinal);
        Assert.Equal("end_turn", (string)json["stop_reason"]!);
        Assert.Equal("ada@example.com", response.Headers.GetValues("X-Account-Email").Single());
        Assert.StartsWith("claude-sonnet-4", response.Headers.GetValues("X-Mapped-Model").Single(), StringComparison.Ordinal);
        var calls = await h.GenerateCallsAsync();
        Assert.Equal("generateContent", Assert.Single(calls).Rpc);
    }

    [Fact]
    public async Task Messages_TextStreamWithBeta_SendsAnthropicEventSequence()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1/messages?beta=true", Body("[[emu:text Streamed words arrive]]", stream: true), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await FrontDoorHarness.EventsAsync(response);
        var names = events.Select(e => e.EventType).ToList();
        Assert.Equal("message_start", names[0]);
        Assert.Equal("ping", names[1]);
        Assert.Equal("content_block_start", names[2]);
        Assert.Contains("content_block_delta", names);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names[^3..]);
        var text = string.Concat(events.Where(e => e.EventType == "content_block_delta").Select(e => (string?)JsonNode.Parse(e.Data)!["delta"]!["text"]));
        Assert.Contains("Streamed words arrive", text, StringComparison.Ordinal);
        Assert.Equal("streamGenerateContent", Assert.Single(await h.GenerateCallsAsync()).Rpc);
    }
}
