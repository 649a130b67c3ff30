using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class GeminiDoorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Body(string text) => new()
    {
        ["contents"] = new JsonArray(new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) }),
    };

    [Theory]
    [InlineData("v1beta")]
    [InlineData("v1")]
    public async Task GenerateContent_Text_ReturnsCandidates(string version)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync($"{version}/models/gemini-3-flash:generateContent", Body("[[emu:text Gemini says hi]]").ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var text = string.Concat(json["candidates"]![0]!["content"]!["parts"]!.AsArray().Select(p => (string?)p!["text"]));
        Assert.Contains("Gemini says hi", text, StringComparison.Ordinal);
        Assert.Equal("generateContent", Assert.Single(await h.GenerateCallsAsync()).Rpc);
    }

    [Fact]
    public async Task StreamGenerateContent_Text_SendsDataEvents()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse", Body("[[emu:text Streaming Gemini words]]").ToJsonString(), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await FrontDoorHarness.EventsAsync(response);
        Assert.NotEmpty(events);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        var text = string.Concat(events.SelectMany(e => JsonNode.Parse(e.Data)!["candidates"]![0]!["content"]?["parts"]?.AsArray() ?? []).Select(p => (string?)p!["text"]));
        Assert.Contains("Streaming Gemini words", text, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(events[^1].Data)!["candidates"]![0]!["finishReason"]);
    }

    [Fact]
    public async Task StreamGenerateContent_WithoutAltSse_ReturnsJsonArray()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1/models/gemini-3-flash:streamGenerateContent", Body("[[emu:text Array of responses]]").ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var array = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
        var text = string.Concat(array.SelectMany(r => r!["candidates"]![0]!["content"]?["parts"]?.AsArray() ?? []).Select(p => (string?)p!["text"]));
        Assert.Contains("Array of responses", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateContent_ToolCallRoundTrip_SecondTurnAccepted()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var first = Body("""Weather? [[emu:call get_weather {"city":"Rome"}]]""");
        first["tools"] = new JsonArray(new JsonObject
        {
            ["functionDeclarations"] = new JsonArray(new JsonObject
            {
                ["name"] = "get_weather",
                ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } } },
            }),
        });
        using var response = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", first.ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var content = json["candidates"]![0]!["content"]!.AsObject();
        var call = content["parts"]!.AsArray().Select(p => p!["functionCall"]).Single(c => c is not null)!;
        Assert.Equal("get_weather", (string)call["name"]!);
        Assert.Equal("Rome", (string)call["args"]!["city"]!);

        var second = first.DeepClone().AsObject();
        second["contents"]!.AsArray().Add(content.DeepClone());
        second["contents"]!.AsArray().Add(new JsonObject
        {
            ["role"] = "user",
            ["parts"] = new JsonArray(new JsonObject { ["functionResponse"] = new JsonObject { ["name"] = "get_weather", ["response"] = new JsonObject { ["result"] = "Warm" } } }),
        });
        using var followUp = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", second.ToJsonString());
        var answer = await FrontDoorHarness.JsonAsync(followUp);
        Assert.True(followUp.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
    }

    [Fact]
    public async Task CountTokens_Contents_ReturnsUpstreamTotal()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1beta/models/gemini-3-flash:countTokens", Body("count these words please").ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        Assert.True((int)json["totalTokens"]! > 0);
        Assert.Equal("countTokens", Assert.Single(await h.GenerateCallsAsync()).Rpc);
    }

    [Fact]
    public async Task GenerateContent_UpstreamRateLimited_Returns429InGoogleEnvelope()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"generateContent"},"action":{"type":"rateLimit","retryDelay":"5s"}}""")!.AsObject(), Ct);
        using var response = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", Body("hi").ToJsonString());
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Equal(429, (int)json["error"]!["code"]!);
        Assert.Equal("RESOURCE_EXHAUSTED", (string)json["error"]!["status"]!);
    }

    [Theory]
    [InlineData("v1beta/models/gemini-3-flash:generateContent", "{oops", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("v1beta/models/gemini-3-flash:generateContent", """{"contents":[]}""", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("v1beta/models/gemini-3-flash:generateContent", """{"contents":"text"}""", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("v1beta/models/no-such-model-xyz:generateContent", """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("v1beta/models/gemini-3-flash:embedContent", """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""", HttpStatusCode.NotFound, "NOT_FOUND")]
    public async Task GenerateContent_BadInput_ReturnsGoogleErrorWithoutUpstreamCall(string path, string body, HttpStatusCode status, string googleStatus)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync(path, body);
        Assert.Equal(status, response.StatusCode);
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Equal((int)status, (int)json["error"]!["code"]!);
        Assert.Equal(googleStatus, (string)json["error"]!["status"]!);
        Assert.Empty(await h.GenerateCallsAsync());
    }
}
