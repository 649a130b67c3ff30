using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Recovery.RecoveryHarness;

namespace Switchyard.FunctionalTests.Recovery;

/// <summary>
/// Each known 400 (upstream-protocol §5.5) on a conversation the gateway can repair: the client gets a success,
/// the emulator journal shows the rejected original and the repaired retry, the response names the repair.
/// </summary>
public sealed class RejectionRepairTests
{
    private static async Task<(HttpResponseMessage Response, JsonObject Json, JsonObject Original, JsonObject Repaired)> SendRejectedOnceAsync(
        FrontDoorHarness h, string path, JsonObject body)
    {
        var response = await h.PostAsync(path, body.ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var calls = await CallsAsync(h);
        Assert.Equal([400, 200], calls.Select(c => c.Entry.Status));
        return (response, json, calls[0].Request, calls[1].Request);
    }

    /// <summary>
    /// The model is a -thinking one: turning thinking off cannot satisfy the upstream (it thinks by its id), so a
    /// thinking-order rejection of a turn that (to the gateway) starts with its signed thinking closes that turn: its
    /// call and result go as text, thinking stays on, and the contents end in a user turn.
    /// </summary>
    [Fact]
    public async Task Messages_ThinkingOrderRejection_NamedTurnClosedAsTextThinkingStaysOn()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var (body, _) = await OpenLoopAsync(h);
        await h.Emulator.Control.AddFaultAsync(BadRequestOnce("thinkingOrder"), Ct);

        var (response, _, original, repaired) = await SendRejectedOnceAsync(h, "v1/messages", body);

        using (response)
        {
            Assert.True(HasThinkingConfig(original));
            Assert.Contains(Parts(original), p => p["functionCall"] is not null);
            Assert.True(HasThinkingConfig(repaired));
            AssertClosedAsText(repaired);
            Assert.Equal("tool-call-as-text", Repairs(response));
        }
    }

    /// <summary>
    /// A refused signature (whatever the upstream's words) is not sent again: the turn has no other signed thinking,
    /// so it is closed as text with thinking still on; the next turn of the same conversation costs no 400.
    /// </summary>
    [Theory]
    [InlineData("invalidSignature")]
    [InlineData("signatureRequired")]
    [InlineData("extraInputs")]
    public async Task Messages_SignatureRejection_SignatureRefusedForGoodTurnClosedAsText(string preset)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var (body, _) = await OpenLoopAsync(h);
        await h.Emulator.Control.AddFaultAsync(BadRequestOnce(preset), Ct);

        var (response, json, original, repaired) = await SendRejectedOnceAsync(h, "v1/messages", body);

        using (response)
        {
            var refused = (string)Parts(original).Single(p => p["thoughtSignature"] is not null)["thoughtSignature"]!;
            Assert.DoesNotContain(Parts(repaired), p => p["thoughtSignature"] is not null || p["thought"] is not null);
            Assert.True(HasThinkingConfig(repaired));
            AssertClosedAsText(repaired);
            Assert.Equal("thinking-stripped,invalid-signature,tool-call-as-text", Repairs(response));

            // The client replays the history (with the refused block) and the reply: one send, the refused signature absent.
            await h.Emulator.Control.ClearRequestsAsync(Ct);
            body["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = json["content"]!.DeepClone() });
            body["messages"]!.AsArray().Add(UserText("And tomorrow?"));
            using var next = await h.PostAsync("v1/messages", body.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            var call = Assert.Single(await CallsAsync(h));
            Assert.DoesNotContain(Parts(call.Request), p => (string?)p["thoughtSignature"] == refused);
        }
    }

    [Fact]
    public async Task Messages_ToolResultMissingRejection_NamedCallAndResultSentAsText()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var (body, id) = await OpenLoopAsync(h);
        await h.Emulator.Control.AddFaultAsync(BadRequestOnce("toolResultMissing", id), Ct);

        var (response, _, original, repaired) = await SendRejectedOnceAsync(h, "v1/messages", body);

        using (response)
        {
            Assert.Contains(Parts(original), p => (string?)p["functionCall"]?["id"] == id);
            AssertClosedAsText(repaired);
            Assert.Contains(Parts(repaired), p => ((string?)p["text"])?.Contains("Sunny, 21 C", StringComparison.Ordinal) == true);
            Assert.Equal("tool-call-as-text", Repairs(response));
        }
    }

    /// <summary>No call or result left, the call and the result as text parts, and the contents ending in a user turn.</summary>
    private static void AssertClosedAsText(JsonObject request)
    {
        Assert.DoesNotContain(Parts(request), p => p["functionCall"] is not null || p["functionResponse"] is not null);
        Assert.Contains(Parts(request), p => ((string?)p["text"])?.StartsWith("[tool call get_weather {", StringComparison.Ordinal) == true);
        Assert.Contains(Parts(request), p => ((string?)p["text"])?.StartsWith("[tool result get_weather: {", StringComparison.Ordinal) == true);
        Assert.Equal("user", (string?)request["contents"]!.AsArray()[^1]!["role"]);
    }

    [Fact]
    public async Task Messages_UnexpectedToolResultRejection_ResultSentAsTextAndCallAnsweredAsInterrupted()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var (body, id) = await OpenLoopAsync(h);
        await h.Emulator.Control.AddFaultAsync(BadRequestOnce("unexpectedToolResult", id), Ct);

        var (response, _, original, repaired) = await SendRejectedOnceAsync(h, "v1/messages", body);

        using (response)
        {
            Assert.Equal("Sunny, 21 C", (string?)Parts(original).Single(p => p["functionResponse"] is not null)["functionResponse"]!["response"]!["output"]);
            Assert.Contains(Parts(repaired), p => ((string?)p["text"])?.Contains("Sunny, 21 C", StringComparison.Ordinal) == true);
            var synthetic = Parts(repaired).Single(p => p["functionResponse"] is not null)["functionResponse"]!;
            Assert.Equal(id, (string?)synthetic["id"]);
            Assert.NotNull(synthetic["response"]!["error"]);
            Assert.Equal("orphan-tool-result,missing-tool-result", Repairs(response));
        }
    }

    [Fact]
    public async Task GenerateContent_ThinkingDisabledRejection_HistoryThinkingStripped()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = JsonNode.Parse("""
            {"contents":[
              {"role":"user","parts":[{"text":"hi"}]},
              {"role":"model","parts":[{"thought":true,"text":"greeting","thoughtSignature":"FORGED"},{"text":"Hello."}]},
              {"role":"user","parts":[{"text":"how are you?"}]}],
             "generationConfig":{"thinkingConfig":{"includeThoughts":true,"thinkingBudget":1024}}}
            """.Replace("FORGED", ForgedSignature, StringComparison.Ordinal))!.AsObject();
        await h.Emulator.Control.AddFaultAsync(BadRequestOnce("thinkingDisabled"), Ct);

        var (response, _, original, repaired) = await SendRejectedOnceAsync(h, $"v1beta/models/{ClaudeModel}:generateContent", body);

        using (response)
        {
            Assert.Contains(Parts(original), p => p["thought"] is not null);
            Assert.DoesNotContain(Parts(repaired), p => p["thought"] is not null);
            Assert.Equal("thinking-stripped", Repairs(response));
        }
    }

    [Fact]
    public async Task GenerateContent_Gemini3MissingSignatureRejection_SentinelOnEveryTurn()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = JsonNode.Parse("""
            {"contents":[
              {"role":"user","parts":[{"text":"weather?"}]},
              {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"Sunny"}}}]},
              {"role":"model","parts":[{"text":"Sunny."}]},
              {"role":"user","parts":[{"text":"thanks"}]}]}
            """)!.AsObject();
        await h.Emulator.Control.AddFaultAsync(BadRequestOnce("geminiMissingSig", "get_weather"), Ct);

        var (response, _, original, repaired) = await SendRejectedOnceAsync(h, "v1beta/models/gemini-3-pro-high:generateContent", body);

        using (response)
        {
            Assert.Null(Parts(original).Single(p => p["functionCall"] is not null)["thoughtSignature"]);
            Assert.Equal("skip_thought_signature_validator", (string?)Parts(repaired).Single(p => p["functionCall"] is not null)["thoughtSignature"]);
            Assert.Equal("invalid-signature", Repairs(response));
        }
    }

    [Fact]
    public async Task GenerateContent_Gemini3ForgedCallSignature_UpstreamRejectsThenSentinelAccepted()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = JsonNode.Parse("""
            {"contents":[
              {"role":"user","parts":[{"text":"weather?"}]},
              {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"FORGED"}]},
              {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"Sunny"}}}]}]}
            """.Replace("FORGED", ForgedSignature, StringComparison.Ordinal))!.AsObject();

        var (response, _, original, repaired) = await SendRejectedOnceAsync(h, "v1beta/models/gemini-3-pro-high:generateContent", body);

        using (response)
        {
            Assert.Equal(ForgedSignature, (string?)Parts(original).Single(p => p["functionCall"] is not null)["thoughtSignature"]);
            Assert.Equal("skip_thought_signature_validator", (string?)Parts(repaired).Single(p => p["functionCall"] is not null)["thoughtSignature"]);
            Assert.Equal("gemini-signature-corrupted", (await h.GenerateCallsAsync())[0].Outcome);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_InterruptedToolCall_RepairedBeforeSendingWithoutARejection(bool strict)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.SetReadingsAsync(strict, Ct);
        var (body, id) = await OpenLoopAsync(h);
        body["messages"]!.AsArray()[^1] = UserText("Never mind, what about London?");

        using var response = await h.PostAsync("v1/messages", body.ToJsonString());

        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var call = Assert.Single(await CallsAsync(h));
        var synthetic = Parts(call.Request).Single(p => p["functionResponse"] is not null)["functionResponse"]!;
        Assert.Equal(id, (string?)synthetic["id"]);
        Assert.Equal("The tool run was interrupted before it returned a result.", (string?)synthetic["response"]!["error"]);
        Assert.Equal("missing-tool-result", Repairs(response));
    }

    [Theory]
    [InlineData("v1/messages", "invalid_request_error", null)]
    [InlineData("v1/chat/completions", "invalid_request_error", "context_length_exceeded")]
    public async Task PromptTooLong_NotRetried_ClientErrorWithTheCounts(string path, string type, string? code)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(BadRequestOnce("promptTooLong"), Ct);
        var body = path == "v1/messages"
            ? Messages(UserText("hello")).ToJsonString()
            : """{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hello"}]}""";

        using var response = await h.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await FrontDoorHarness.JsonAsync(response))["error"]!;
        Assert.Equal(type, (string?)error["type"]);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Matches(@"^prompt is too long: \d+ tokens > \d+ maximum", (string)error["message"]!);
        Assert.Single(await h.GenerateCallsAsync());
        Assert.Equal("", Repairs(response));
    }

    [Fact]
    public async Task GenerateContent_PromptTooLongGemini_InvalidArgumentNotRetried()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(BadRequestOnce("promptTooLongGemini"), Ct);

        using var response = await h.PostAsync("v1beta/models/gemini-3-pro-high:generateContent", """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await FrontDoorHarness.JsonAsync(response))["error"]!;
        Assert.Equal("INVALID_ARGUMENT", (string?)error["status"]);
        Assert.Contains("exceeds the maximum number of tokens", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Single(await h.GenerateCallsAsync());
    }
}
