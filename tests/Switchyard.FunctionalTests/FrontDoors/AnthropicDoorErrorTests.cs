using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class AnthropicDoorErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Body(string text, string model = "claude-sonnet-4-5") =>
        new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 256,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        }.ToJsonString();

    private static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Equal("error", (string)json["type"]!);
        Assert.Equal(type, (string)json["error"]!["type"]!);
        return json;
    }

    [Fact]
    public async Task Messages_UpstreamRateLimited_Returns429WithRetryAfter()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"generateContent"},"action":{"type":"rateLimit","retryDelay":"7s"}}""")!.AsObject(), Ct);
        using var response = await h.PostAsync("v1/messages", Body("hi"));
        await AssertErrorAsync(response, HttpStatusCode.TooManyRequests, "rate_limit_error");
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);

        // A 429 belongs to the account: no other host is tried.
        Assert.Single(await h.GenerateCallsAsync());
    }

    [Fact]
    public async Task Messages_PromptTooLong_Returns400WithUpstreamMessage()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"generateContent"},"action":{"type":"badRequest","preset":"promptTooLong"}}""")!.AsObject(), Ct);
        using var response = await h.PostAsync("v1/messages", Body("hi"));
        var json = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.StartsWith("prompt is too long", (string)json["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_UnknownModel_Returns404WithoutUpstreamCall()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1/messages", Body("hi", model: "no-such-model-xyz"));
        var json = await AssertErrorAsync(response, HttpStatusCode.NotFound, "not_found_error");
        Assert.Contains("no-such-model-xyz", (string)json["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Empty(await h.GenerateCallsAsync());
    }

    [Theory]
    [InlineData("""{"type":"http","status":500}""", 500, false)]
    [InlineData("""{"type":"http","status":500}""", 500, true)]
    [InlineData("""{"type":"http","status":404}""", 404, false)]
    public async Task Messages_FirstHostFails_SucceedsOnNextHost(string action, int firstStatus, bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse($$"""{"match":{"label":"daily-sandbox"},"action":{{action}}}""")!.AsObject(), Ct);
        var body = JsonNode.Parse(Body("[[emu:text still here]]"))!.AsObject();
        body["stream"] = stream;
        using var response = await h.PostAsync("v1/messages", body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("still here", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var calls = await h.GenerateCallsAsync();
        Assert.Equal(["daily-sandbox", "prod"], calls.Select(c => c.Label));
        Assert.Equal([firstStatus, 200], calls.Select(c => c.Status));
    }

    [Fact]
    public async Task Messages_FirstHostResetsConnection_SucceedsOnNextHost()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"label":"daily-sandbox"},"action":{"type":"networkReset"}}""")!.AsObject(), Ct);
        using var response = await h.PostAsync("v1/messages", Body("[[emu:text survived a reset]]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("prod", (await h.GenerateCallsAsync())[^1].Label);
    }

    [Fact]
    public async Task Messages_FirstHostOverloaded_RetriesThereWithBackoffThenNextHost()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"label":"daily-sandbox"},"action":{"type":"http","status":503}}""")!.AsObject(), Ct);
        using var response = await h.PostAsync("v1/messages", Body("[[emu:text still here]]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await h.GenerateCallsAsync();

        // Capacity is retried on the same host (3 retries by default, 1 s, 2 s, 4 s apart), then the next host.
        Assert.Equal(["daily-sandbox", "daily-sandbox", "daily-sandbox", "daily-sandbox", "prod"], calls.Select(c => c.Label));
        Assert.InRange(h.Accounts.Time.Skipped, TimeSpan.FromSeconds(6.3), TimeSpan.FromSeconds(7.7));
    }

    [Fact]
    public async Task Messages_AllHostsUnavailable_Returns529OverloadedWithRetryAfter()
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["RateLimits:CapacityRetriesPerHost"] = "1");
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"generateContent"},"action":{"type":"http","status":503}}""")!.AsObject(), Ct);
        using var response = await h.PostAsync("v1/messages", Body("hi"));
        await AssertErrorAsync(response, (HttpStatusCode)529, "overloaded_error");
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Equal(["daily-sandbox", "daily-sandbox", "prod", "prod"], (await h.GenerateCallsAsync()).Select(c => c.Label));
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest, "invalid_request_error")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":"many","messages":[{"role":"user","content":"hi"}]}""", "application/json", HttpStatusCode.BadRequest, "invalid_request_error")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[]}""", "application/json", HttpStatusCode.BadRequest, "invalid_request_error")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":10}""", "application/json", HttpStatusCode.BadRequest, "invalid_request_error")]
    [InlineData("[1,2]", "application/json", HttpStatusCode.BadRequest, "invalid_request_error")]
    [InlineData("""{"model":"claude-sonnet-4-5"}""", "text/plain", HttpStatusCode.UnsupportedMediaType, "invalid_request_error")]
    public async Task Messages_BadInput_ReturnsClientErrorWithoutUpstreamCall(string body, string contentType, HttpStatusCode status, string type)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1/messages", body, contentType);
        await AssertErrorAsync(response, status, type);
        Assert.Empty(await h.GenerateCallsAsync());
    }

    [Fact]
    public async Task Messages_BodyOverLimit_Returns413WithoutUpstreamCall()
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["Server:MaxRequestBodyBytes"] = "1024");
        using var response = await h.PostAsync("v1/messages", Body(new string('x', 4000)));
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Empty(await h.GenerateCallsAsync());
    }

    [Fact]
    public async Task Messages_ChunkedBodyWithoutLength_IsReadWhole()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = Body("[[emu:text chunked-ok]] " + new string('y', 40_000)); // several reads, no Content-Length

        using var response = await SendChunkedAsync(h, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await h.GenerateCallsAsync());
        Assert.Contains(new string('y', 40_000), sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_ChunkedBodyOverLimit_Returns413WithoutUpstreamCall()
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["Server:MaxRequestBodyBytes"] = "1024");
        using var response = await SendChunkedAsync(h, Body(new string('x', 4000)));
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Empty(await h.GenerateCallsAsync());
    }

    [Fact]
    public async Task Messages_EmptyBody_Returns400WithoutUpstreamCall()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync("v1/messages", "");
        var json = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.Contains("empty", (string)json["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Empty(await h.GenerateCallsAsync());
    }

    private static Task<HttpResponseMessage> SendChunkedAsync(FrontDoorHarness h, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new ChunkedContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        return h.Client.SendAsync(request, Ct);
    }
}
