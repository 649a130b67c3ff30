using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class OpenAIDoorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Body(string text, string model = "gemini-3-flash", bool stream = false) => new()
    {
        ["model"] = model,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
    };

    [Fact]
    public async Task ChatCompletions_TextNonStream_ReturnsCompletion()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1/chat/completions", Body("[[emu:text Plain answer]]").ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        Assert.Equal("chat.completion", (string)json["object"]!);
        Assert.Contains("Plain answer", (string)json["choices"]![0]!["message"]!["content"]!, StringComparison.Ordinal);
        Assert.Equal("stop", (string)json["choices"]![0]!["finish_reason"]!);
        Assert.Equal("ada@example.com", response.Headers.GetValues("X-Account-Email").Single());
    }

    [Fact]
    public async Task ChatCompletions_TextStream_SendsChunksThenDone()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1/chat/completions", Body("[[emu:text Chunked answer]]", stream: true).ToJsonString(), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await FrontDoorHarness.EventsAsync(response);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string)c["object"]!));
        Assert.Equal("assistant", (string)chunks[0]["choices"]![0]!["delta"]!["role"]!);
        var text = string.Concat(chunks.Select(c => (string?)c["choices"]![0]?["delta"]?["content"]));
        Assert.Contains("Chunked answer", text, StringComparison.Ordinal);
        Assert.Contains(chunks, c => (string?)c["choices"]![0]?["finish_reason"] == "stop");
    }

    [Theory]
    [InlineData("claude-sonnet-4-5-thinking")]
    [InlineData("gemini-3-pro")]
    [InlineData("gemini-3-flash")]
    public async Task ChatCompletions_ToolCallRoundTrip_SecondTurnAccepted(string model)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var first = Body("""Weather? [[emu:call get_weather {"city":"Oslo"}]]""", model: model);
        first["tools"] = new JsonArray(new JsonObject
        {
            ["type"] = "function",
            ["function"] = new JsonObject
            {
                ["name"] = "get_weather",
                ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } } },
            },
        });
        using var response = await h.PostAsync("v1/chat/completions", first.ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var message = json["choices"]![0]!["message"]!.AsObject();
        Assert.Equal("tool_calls", (string)json["choices"]![0]!["finish_reason"]!);
        var call = message["tool_calls"]![0]!;
        Assert.Equal("get_weather", (string)call["function"]!["name"]!);
        Assert.Equal("Oslo", (string)JsonNode.Parse((string)call["function"]!["arguments"]!)!["city"]!);

        var second = first.DeepClone().AsObject();
        second["messages"]!.AsArray().Add(message.DeepClone());
        second["messages"]!.AsArray().Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = (string)call["id"]!, ["content"] = "Snow" });
        using var followUp = await h.PostAsync("v1/chat/completions", second.ToJsonString());
        var answer = await FrontDoorHarness.JsonAsync(followUp);
        Assert.True(followUp.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal("stop", (string)answer["choices"]![0]!["finish_reason"]!);
    }

    [Fact]
    public async Task ChatCompletions_UpstreamRateLimited_Returns429InOpenAIEnvelope()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"streamGenerateContent"},"action":{"type":"rateLimit","retryDelay":"3s"}}""")!.AsObject(), Ct);
        using var response = await h.PostAsync("v1/chat/completions", Body("hi", stream: true).ToJsonString());
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Equal("rate_limit_error", (string)json["error"]!["type"]!);
    }

    [Fact]
    public async Task ChatCompletions_StreamWithIncludeUsage_SendsUsageChunkBeforeDone()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = Body("[[emu:text counted]]", stream: true);
        body["stream_options"] = new JsonObject { ["include_usage"] = true };
        using var response = await h.PostAsync("v1/chat/completions", body.ToJsonString(), completion: HttpCompletionOption.ResponseHeadersRead);
        var events = await FrontDoorHarness.EventsAsync(response);
        Assert.Equal("[DONE]", events[^1].Data);
        var usage = JsonNode.Parse(events[^2].Data)!;
        Assert.Empty(usage["choices"]!.AsArray());
        Assert.True((int)usage["usage"]!["prompt_tokens"]! > 0);
    }

    [Fact]
    public async Task ChatCompletions_PromptTooLong_Returns400ContextLengthExceeded()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"generateContent"},"action":{"type":"badRequest","preset":"promptTooLong"}}""")!.AsObject(), Ct);
        using var response = await h.PostAsync("v1/chat/completions", Body("hi", model: "claude-sonnet-4-5").ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Equal("context_length_exceeded", (string)json["error"]!["code"]!);
    }

    [Theory]
    [InlineData("{\"model\":", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"model":"gemini-3-flash","messages":[]}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"model":"gemini-3-flash","messages":"hi"}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"model":"no-such-model-xyz","messages":[{"role":"user","content":"hi"}]}""", "application/json", HttpStatusCode.NotFound)]
    [InlineData("""{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}]}""", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task ChatCompletions_BadInput_ReturnsErrorWithoutUpstreamCall(string body, string contentType, HttpStatusCode status)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1/chat/completions", body, contentType);
        Assert.Equal(status, response.StatusCode);
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.False(string.IsNullOrEmpty((string?)json["error"]!["message"]));
        Assert.False(string.IsNullOrEmpty((string?)json["error"]!["type"]));
        Assert.Empty(await h.GenerateCallsAsync());
    }
}
