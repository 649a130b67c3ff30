using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Recovery.RecoveryHarness;

namespace Switchyard.FunctionalTests.Recovery;

/// <summary>
/// Claude thinking against the strict upstream (issue 15), each under both readings of the open rules (the emulator
/// strict, and lenient: thinking only on the final tool turn, thought runs joined, thinking only when asked for).
/// Every turn is one upstream send: the gateway sends what both readings accept, so no 400 is ever repaired.
/// </summary>
public sealed class StrictThinkingTests
{
    private const string Opus = "claude-opus-4-6-thinking";

    public static TheoryData<bool, bool> StrictAndStream => new() { { true, true }, { true, false }, { false, true }, { false, false } };

    /// <summary>What opencode sends through its Anthropic provider on an Opus thinking model: no thinking field at all.</summary>
    [Theory]
    [MemberData(nameof(StrictAndStream))]
    public async Task Messages_ThinkingModelWithoutThinkingField_TwoToolStepsOneSendEach(bool strict, bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.SetReadingsAsync(strict, Ct);
        await ScriptAsync(h, Reply("Paris first.", "Paris"), Reply("Now London.", "London"), Reply("Both known."));
        var messages = new JsonArray(UserText("Weather in Paris, then London."));

        for (var step = 0; step < 3; step++)
        {
            var body = new JsonObject { ["model"] = Opus, ["max_tokens"] = 32000, ["stream"] = stream, ["tools"] = WeatherTool(), ["messages"] = messages.DeepClone() };
            using var response = await h.PostAsync("v1/messages", body.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var content = stream ? await StreamedContentAsync(response) : (await FrontDoorHarness.JsonAsync(response))["content"]!.AsArray();
            Assert.Equal("thinking", (string?)content[0]!["type"]);
            messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = content.DeepClone() });
            if (content.FirstOrDefault(b => (string?)b!["type"] == "tool_use") is { } use)
            {
                messages.Add(ToolResults((string)use["id"]!));
            }
        }

        var calls = await CallsAsync(h);
        Assert.Equal([200, 200, 200], calls.Select(c => c.Entry.Status));
        Assert.All(calls, c => Assert.True(HasThinkingConfig(c.Request)));
        AssertEveryToolTurnStartsWithSignedThinking(calls[^1].Request);
    }

    /// <summary>The signed thinking of a tool loop the client sends back is kept after the user asks something new.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_EarlierLoopsThinking_KeptAfterANewQuestion(bool strict)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.SetReadingsAsync(strict, Ct);
        await ScriptAsync(h, Reply("Paris first.", "Paris"), Reply("Done."), Reply("Now Oslo.", "Oslo"), Reply("Done again."));
        var messages = new List<JsonObject> { UserText("Weather in Paris?") };
        foreach (var next in new[] { "", "And Oslo?", "" })
        {
            var json = await SendAsync(h, messages);
            var content = json["content"]!.AsArray();
            messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = content.DeepClone() });
            messages.Add(content.FirstOrDefault(b => (string?)b!["type"] == "tool_use") is { } use ? ToolResults((string)use["id"]!) : UserText(next));
        }

        await SendAsync(h, messages);

        var calls = await CallsAsync(h);
        Assert.All(calls, c => Assert.Equal(200, c.Entry.Status));
        AssertEveryToolTurnStartsWithSignedThinking(calls[^1].Request);
        Assert.Equal(2, calls[^1].Request["contents"]!.AsArray().Count(c => c!["parts"]!.AsArray().Any(p => p!["functionCall"] is not null)));
    }

    /// <summary>Whatever the upstream keeps refusing, a request costs at most two 400s, then the client gets the 400.</summary>
    [Fact]
    public async Task Messages_RejectedOnEverySend_TwoUpstream400sThenTheClientsError()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var (body, _) = await OpenLoopAsync(h);
        await h.Emulator.Control.AddFaultAsync(new JsonObject
        {
            ["match"] = new JsonObject { ["rpc"] = "generateContent" },
            ["action"] = new JsonObject { ["type"] = "badRequest", ["preset"] = "thinkingOrder" },
        }, Ct);

        using var response = await h.PostAsync("v1/messages", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (string?)(await FrontDoorHarness.JsonAsync(response))["error"]!["type"]);
        Assert.Equal([400, 400], (await h.GenerateCallsAsync()).Select(c => c.Status));
    }

    private static async Task<JsonObject> SendAsync(FrontDoorHarness h, List<JsonObject> messages)
    {
        var body = new JsonObject { ["model"] = Opus, ["max_tokens"] = 32000, ["tools"] = WeatherTool(), ["messages"] = new JsonArray([.. messages.Select(m => m.DeepClone())]) };
        using var response = await h.PostAsync("v1/messages", body.ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    /// <summary>The content blocks of a streamed Messages reply, folded as an SDK folds them.</summary>
    internal static async Task<JsonArray> StreamedContentAsync(HttpResponseMessage response)
    {
        var blocks = new JsonArray();
        var json = new Dictionary<int, string>();
        foreach (var item in await FrontDoorHarness.EventsAsync(response))
        {
            var e = JsonNode.Parse(item.Data)!.AsObject();
            switch ((string?)e["type"])
            {
                case "content_block_start":
                    blocks.Add(e["content_block"]!.DeepClone());
                    break;
                case "content_block_delta":
                    var index = (int)e["index"]!;
                    var block = blocks[index]!.AsObject();
                    var delta = e["delta"]!;
                    switch ((string?)delta["type"])
                    {
                        case "thinking_delta":
                            block["thinking"] = (string?)block["thinking"] + (string?)delta["thinking"];
                            break;
                        case "signature_delta":
                            block["signature"] = (string?)delta["signature"];
                            break;
                        case "text_delta":
                            block["text"] = (string?)block["text"] + (string?)delta["text"];
                            break;
                        case "input_json_delta":
                            json[index] = json.GetValueOrDefault(index) + (string?)delta["partial_json"];
                            block["input"] = JsonNode.Parse(json[index]);
                            break;
                    }

                    break;
            }
        }

        return blocks;
    }

    /// <summary>Every model turn with a function call starts with one thought part carrying a signature.</summary>
    internal static void AssertEveryToolTurnStartsWithSignedThinking(JsonObject request)
    {
        var turns = request["contents"]!.AsArray().Where(c => (string?)c!["role"] == "model"
            && c["parts"]!.AsArray().Any(p => p!["functionCall"] is not null)).ToList();
        Assert.NotEmpty(turns);
        Assert.All(turns, t =>
        {
            var first = t!["parts"]![0]!;
            Assert.True((bool?)first["thought"] == true, t.ToJsonString());
            Assert.False(string.IsNullOrEmpty((string?)first["thoughtSignature"]), t.ToJsonString());
        });
    }
}
