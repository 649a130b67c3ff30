using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Tests.Quota;
using Switchyard.Emulator.Validation;

namespace Switchyard.Emulator.Tests.Faults;

public sealed class FaultActionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> FireAsync(EmulatorFixture emu, string action, string model = "claude-sonnet-4-6")
    {
        await emu.Control.AddFaultAsync(new JsonObject { ["action"] = JsonNode.Parse(action) }, Ct);
        return await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu), model);
    }

    [Fact]
    public async Task RateLimit_WithRetryHeaders_RateLimitExceededAndHeaders()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"rateLimit","retryDelay":"1.5s","retryAfter":3,"retryAfterMs":1500}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("1500", response.Headers.GetValues("retry-after-ms").Single());
        var error = await LimitsKit.ErrorAsync(response);
        Assert.Equal("Resource has been exhausted (e.g. check quota).", (string?)error["message"]);
        Assert.Equal("RATE_LIMIT_EXCEEDED", (string?)error["details"]![0]!["reason"]);
        Assert.Equal("claude-sonnet-4-6", (string?)error["details"]![0]!["metadata"]!["model"]);
        Assert.Equal("1.5s", (string?)error["details"]![1]!["retryDelay"]);
    }

    [Fact]
    public async Task RateLimit_WithoutRetryHeaders_SendsNoRetryAfter()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"rateLimit","retryDelay":2,"message":"Too many requests per minute."}""");

        Assert.False(response.Headers.Contains("Retry-After"));
        Assert.False(response.Headers.Contains("retry-after-ms"));
        var error = await LimitsKit.ErrorAsync(response);
        Assert.Equal("Too many requests per minute.", (string?)error["message"]);
        Assert.Equal("2s", (string?)error["details"]![1]!["retryDelay"]);
    }

    [Fact]
    public async Task QuotaExhausted_ResetIn_ExactTemplateErrorInfoFirst()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"quotaExhausted","resetIn":"2h13m5.12s"}""", "claude-opus-4-6-thinking");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var error = await LimitsKit.ErrorAsync(response);
        Assert.Equal("You have exhausted your capacity on this model. Your quota will reset after 2h13m5s.", (string?)error["message"]);
        var details = error["details"]!.AsArray();
        Assert.Equal("QUOTA_EXHAUSTED", (string?)details[0]!["reason"]);
        Assert.Equal(
            """{"uiMessage":"true","model":"claude-opus-4-6-thinking","quotaResetDelay":"2h13m5.12s","quotaResetTimeStamp":"2026-07-01T09:13:05Z"}""",
            details[0]!["metadata"]!.ToJsonString());
        Assert.Equal("7985.12s", (string?)details[1]!["retryDelay"]);
    }

    [Fact]
    public async Task QuotaExhausted_ResetAtWithoutRetryInfoOrBucketState_OnlyErrorInfoAndBucketUntouched()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"quotaExhausted","resetAt":"2026-07-01T08:00:00Z","includeRetryInfo":false,"setBucketState":false}""");
        await emu.Control.ClearFaultsAsync(cancellationToken: Ct);
        var models = await LimitsKit.FetchModelsAsync(emu, await LimitsKit.TokenAsync(emu));

        var error = await LimitsKit.ErrorAsync(response);
        Assert.Equal("You have exhausted your capacity on this model. Your quota will reset after 1h0m0s.", (string?)error["message"]);
        var detail = Assert.Single(error["details"]!.AsArray());
        Assert.Equal("1h0m0s", (string?)detail!["metadata"]!["quotaResetDelay"]);
        Assert.Equal(1.0, (double?)models["claude-sonnet-4-6"]!["quotaInfo"]!["remainingFraction"]);
    }

    [Theory]
    [InlineData(429, "RESOURCE_EXHAUSTED")]
    [InlineData(503, "UNAVAILABLE")]
    public async Task Capacity_Status_ModelCapacityExhausted(int status, string statusName)
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, $$"""{"type":"capacity","status":{{status}},"retryDelay":"40s"}""", "gemini-3-flash");

        Assert.Equal(status, (int)response.StatusCode);
        var error = await LimitsKit.ErrorAsync(response);
        Assert.Equal(statusName, (string?)error["status"]);
        Assert.Equal("No capacity available for model gemini-3-flash on the server", (string?)error["message"]);
        Assert.Equal("MODEL_CAPACITY_EXHAUSTED", (string?)error["details"]![0]!["reason"]);
        Assert.Equal("40s", (string?)error["details"]![1]!["retryDelay"]);
    }

    [Fact]
    public async Task GenericExhausted_Plain429WithoutDetails()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"genericExhausted","retryAfter":30}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(
            """{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}""",
            await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("notFound", 404, "NOT_FOUND", null)]
    [InlineData("unauthenticated", 401, "UNAUTHENTICATED", null)]
    [InlineData("validationRequired", 403, "PERMISSION_DENIED", "VALIDATION_REQUIRED")]
    [InlineData("serviceDisabled", 403, "PERMISSION_DENIED", "SERVICE_DISABLED")]
    [InlineData("permissionDenied", 403, "PERMISSION_DENIED", null)]
    [InlineData("internal", 500, "INTERNAL", null)]
    [InlineData("unavailable", 503, "UNAVAILABLE", null)]
    [InlineData("overloaded529", 529, "UNAVAILABLE", null)]
    [InlineData("timeout408", 408, "DEADLINE_EXCEEDED", null)]
    public async Task Http_Preset_StatusAndGoogleError(string preset, int status, string statusName, string? reason)
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, $$"""{"type":"http","preset":"{{preset}}"}""");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var error = await LimitsKit.ErrorAsync(response);
        Assert.Equal(status, (int?)error["code"]);
        Assert.Equal(statusName, (string?)error["status"]);
        Assert.Equal(reason, (string?)error["details"]?[0]?["reason"]);
        if (preset == "unauthenticated")
        {
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Http_StatusBodyAndHeaders_SentAsGiven()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"http","status":418,"body":{"teapot":true},"headers":{"x-emu-test":"yes"}}""");

        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("x-emu-test").Single());
        Assert.Equal("""{"teapot":true}""", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Http_StatusWithoutPreset_GoogleEnvelopeForThatStatus()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"http","status":500}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("INTERNAL", (string?)(await LimitsKit.ErrorAsync(response))["status"]);
    }

    public static TheoryData<string, string> ClaudePresets => new()
    {
        { "thinkingOrder", Rejections.ThinkingOrder(0) },
        { "invalidSignature", Rejections.InvalidSignature(0) },
        { "signatureRequired", Rejections.SignatureRequired(0) },
        { "extraInputs", Rejections.ExtraInputs(0) },
        { "thinkingDisabled", Rejections.ThinkingDisabled },
        { "budget", Rejections.BudgetAboveMax },
        { "promptTooLong", Rejections.PromptTooLong(215_000, 200_000) },
    };

    [Theory]
    [MemberData(nameof(ClaudePresets))]
    public async Task BadRequest_ClaudePreset_DoubleWrappedExactText(string preset, string expected)
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, $$"""{"type":"badRequest","preset":"{{preset}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await LimitsKit.ErrorAsync(response);
        Assert.Equal("INVALID_ARGUMENT", (string?)error["status"]);
        var inner = JsonNode.Parse((string)error["message"]!)!;
        Assert.Equal("error", (string?)inner["type"]);
        Assert.Equal("invalid_request_error", (string?)inner["error"]!["type"]);
        Assert.Equal(expected, (string?)inner["error"]!["message"]);
        Assert.StartsWith("req_vrtx_", (string?)inner["request_id"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRequest_ToolPresets_NameIdsAndModelTurn()
    {
        await using var emu = await LimitsKit.StartAsync();
        await emu.Control.AddFaultsAsync(new JsonArray
        {
            JsonNode.Parse("""{"times":1,"action":{"type":"badRequest","preset":"toolResultMissing","variant":"toolu_vrtx_01A"}}"""),
            JsonNode.Parse("""{"times":1,"action":{"type":"badRequest","preset":"unexpectedToolResult","index":3}}"""),
        }, Ct);
        var token = await LimitsKit.TokenAsync(emu);
        var body = EmulatorFixture.Envelope("claude-sonnet-4-6");
        var contents = body["request"]!["contents"]!.AsArray();
        contents.Add(new JsonObject { ["role"] = "model", ["parts"] = new JsonArray { new JsonObject { ["text"] = "Hi" } } });
        contents.Add(new JsonObject { ["role"] = "user", ["parts"] = new JsonArray { new JsonObject { ["text"] = "Again" } } });

        using var missing = await emu.CallAsync("generateContent", body, token);
        using var unexpected = await emu.CallAsync("generateContent", body, token);

        var missingText = (string?)JsonNode.Parse((string)(await LimitsKit.ErrorAsync(missing))["message"]!)!["error"]!["message"];
        var unexpectedText = (string?)JsonNode.Parse((string)(await LimitsKit.ErrorAsync(unexpected))["message"]!)!["error"]!["message"];
        Assert.Equal(Rejections.ToolResultMissing(1, ["toolu_vrtx_01A"]), missingText);
        Assert.StartsWith("messages.3.content.0: unexpected `tool_use_id` found in `tool_result` blocks: ", unexpectedText, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> GeminiPresets => new()
    {
        { "promptTooLongGemini", Rejections.PromptTooLongGemini(1_200_000, 1_048_576) },
        { "budgetGemini", Rejections.BudgetGemini(70_000, 65_537) },
        { "geminiMissingSig", Rejections.GeminiMissingSignature("read_file", 0) },
        { "corruptedSignature", Rejections.CorruptedSignature },
        { "unknownField", "Invalid JSON payload received. Unknown name \"unknown_field\" at 'request': Cannot find field." },
    };

    [Theory]
    [MemberData(nameof(GeminiPresets))]
    public async Task BadRequest_GeminiPreset_PlainExactText(string preset, string expected)
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, $$"""{"type":"badRequest","preset":"{{preset}}"}""", "gemini-3-flash");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, (string?)(await LimitsKit.ErrorAsync(response))["message"]);
    }

    [Fact]
    public async Task BadRequest_MessageOverride_ReplacesPresetText()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"badRequest","preset":"thinkingDisabled","message":"thinking is disabled and cannot contain thinking blocks"}""");

        var inner = JsonNode.Parse((string)(await LimitsKit.ErrorAsync(response))["message"]!)!;
        Assert.Equal("thinking is disabled and cannot contain thinking blocks", (string?)inner["error"]!["message"]);
    }

    [Fact]
    public async Task Raw_Html502_SentWithItsContentType()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"raw","status":502,"contentType":"text/html; charset=UTF-8","body":"<html><body>Bad Gateway</body></html>"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<html><body>Bad Gateway</body></html>", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ErrorArray_Default_RateLimitWrappedInArray()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"errorArray"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Equal("RATE_LIMIT_EXCEEDED", (string?)Assert.Single(body)!["error"]!["details"]![0]!["reason"]);
    }

    [Fact]
    public async Task ErrorArray_OfCapacity_WrapsThatError()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"errorArray","of":{"type":"capacity","status":503}}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Equal("MODEL_CAPACITY_EXHAUSTED", (string?)body[0]!["error"]!["details"]![0]!["reason"]);
    }

    [Fact]
    public async Task EmptyResponse_200WithEmptyBody()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"emptyResponse"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task NetworkReset_ConnectionAbortedWithoutResponse()
    {
        await using var emu = await LimitsKit.StartAsync();
        await emu.Control.AddFaultAsync(JsonNode.Parse("""{"action":{"type":"networkReset"}}""")!.AsObject(), Ct);
        var token = await LimitsKit.TokenAsync(emu);

        await Assert.ThrowsAsync<HttpRequestException>(() => LimitsKit.GenerateAsync(emu, token, "claude-sonnet-4-6"));
    }

    [Theory]
    [InlineData("""{"type":"delay","firstByteMs":0}""")]
    [InlineData("""{"type":"stream","mode":"truncate"}""")]
    public async Task ShapingAction_DoesNotReplaceReply_ButIsJournalled(string action)
    {
        await using var emu = await LimitsKit.StartAsync();
        var id = await emu.Control.AddFaultAsync(new JsonObject { ["id"] = "shape", ["action"] = JsonNode.Parse(action) }, Ct);

        using var response = await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu), "claude-sonnet-4-6");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: Ct));
        Assert.Equal(id, entry.FaultId);
    }

    [Fact]
    public async Task FaultReplies_RateLimitStyle_CarryNoStrayDurationTokens()
    {
        await using var emu = await LimitsKit.StartAsync();
        var actions = new[]
        {
            """{"type":"rateLimit"}""", """{"type":"capacity","status":503}""", """{"type":"genericExhausted"}""",
            """{"type":"http","preset":"internal"}""", """{"type":"http","preset":"unavailable"}""",
            """{"type":"http","preset":"overloaded529"}""", """{"type":"http","preset":"timeout408"}""",
        };
        var stray = new System.Text.RegularExpressions.Regex(@"\b\d+(\.\d+)?\s*(ms|s|m|h|sec|second|seconds|minute|minutes)\b");

        foreach (var action in actions)
        {
            await emu.Control.ClearFaultsAsync(cancellationToken: Ct);
            using var response = await FireAsync(emu, action, "gemini-3-flash");
            var message = (string?)(await LimitsKit.ErrorAsync(response))["message"];
            Assert.DoesNotMatch(stray, message ?? "");
        }
    }
}
