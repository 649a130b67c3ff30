using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Responses;

/// <summary>Bad input and upstream failures on the Responses door: OpenAI's error envelope naming the field, or <c>response.failed</c> once streaming.</summary>
public sealed class ResponsesErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?> BadInput => new()
    {
        { """{"model":"gemini-3-flash","input":[{"type":"bogus_item"}]}""", "input[0].type", "unsupported_value" },
        { """{"model":"gemini-3-flash","input":"hi","tools":[{"type":"computer_use_preview"}]}""", "tools[0].type", "unsupported_value" },
        { """{"model":"gemini-3-flash","input":"hi","include":["reasoning.encrypted_content","bogus.include"]}""", "include[1]", null },
        { """{"model":"gemini-3-flash","input":"hi","previous_response_id":"resp_missing"}""", "previous_response_id", "previous_response_not_found" },
        { """{"model":"gemini-3-flash","input":[{"role":"user","content":[{"type":"input_text","text":5}]}]}""", "input[0].content[0].text", null },
        { """{"model":"gemini-3-flash","input":"hi","text":{"format":{"type":"yaml"}}}""", "text.format.type", null },
        { """{"input":"hi"}""", "model", null },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Create_BadInput_400NamingTheField(string body, string param, string? code)
    {
        await using var h = await FrontDoorHarness.StartAsync();

        using var response = await h.PostAsync("v1/responses", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await FrontDoorHarness.JsonAsync(response))["error"]!;
        Assert.Equal("invalid_request_error", (string)error["type"]!);
        Assert.Equal(param, (string?)error["param"]);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Empty(await h.GenerateCallsAsync());
    }

    [Theory]
    [InlineData("""{"model":"gemini-3-flash","input":"hi","store":true}""", "store")]
    [InlineData("""{"model":"gemini-3-flash","input":"hi","previous_response_id":"resp_1"}""", "previous_response_id")]
    public async Task Create_StorageOff_StoreOrPreviousResponse400NamingTheField(string body, string param)
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["Responses:Store"] = "false");

        using var response = await h.PostAsync("v1/responses", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await FrontDoorHarness.JsonAsync(response))["error"]!;
        Assert.Equal(param, (string)error["param"]!);
        Assert.Contains("does not store responses", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownModel_404InOpenAIEnvelope()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        using var response = await h.PostAsync("v1/responses", """{"model":"no-such-model","input":"hi"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await FrontDoorHarness.JsonAsync(response))["error"]!["message"]);
    }

    [Fact]
    public async Task Create_NoApiKeyWhenKeysConfigured_401InOpenAIEnvelope()
    {
        await using var h = await FrontDoorHarness.StartAsync(s =>
        {
            s["Auth:ApiKeys:0:Name"] = "ci";
            s["Auth:ApiKeys:0:Key"] = "sk-right";
        });

        using var response = await h.PostAsync("v1/responses", """{"model":"gemini-3-flash","input":"hi"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (string)(await FrontDoorHarness.JsonAsync(response))["error"]!["code"]!);
    }

    [Fact]
    public async Task Create_UpstreamRateLimited_429WithRetryAfter()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"streamGenerateContent"},"action":{"type":"rateLimit","retryDelay":"3s"}}""")!.AsObject(), Ct);

        using var response = await h.PostAsync("v1/responses", """{"model":"gemini-3-flash","input":"hi","stream":true}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
        Assert.Equal("rate_limit_error", (string)(await FrontDoorHarness.JsonAsync(response))["error"]!["type"]!);
    }

    [Fact]
    public async Task Create_UpstreamDropsMidStream_ResponseFailedWithTheMessageAndNoRetry()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"streamGenerateContent"},"action":{"type":"stream","mode":"disconnect","afterEvents":1}}""")!.AsObject(), Ct);

        var reply = await ResponsesCalls.PostAsync(h, JsonNode.Parse("""{"model":"gemini-3-flash","input":"[[emu:text one two three four five six seven eight nine ten]]"}""")!.AsObject(), stream: true);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var last = JsonNode.Parse(reply.Events[^1].Data)!;
        Assert.Equal("response.failed", (string)last["type"]!);
        Assert.Equal("failed", (string)last["response"]!["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)last["response"]!["error"]!["message"]));
        Assert.DoesNotContain(reply.Events, e => e.EventType == "response.completed");
        Assert.Single(await h.GenerateCallsAsync());
    }

    [Fact]
    public async Task Create_MaxOutputTokensReached_ResponseIncomplete()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var reply = await ResponsesCalls.PostAsync(h, JsonNode.Parse("""{"model":"gemini-3-flash","max_output_tokens":16,"input":"[[emu:len 200]] [[emu:maxtokens]]"}""")!.AsObject(), stream: true);

        Assert.Equal("response.incomplete", reply.Events[^1].EventType);
        Assert.Equal("max_output_tokens", (string)reply.Response!["incomplete_details"]!["reason"]!);
    }
}
