using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class AnthropicDoorStreamThinkingTests
{
    /// <summary>Rebuilds the message content from the stream's block events, as an SDK's accumulator does.</summary>
    private static JsonArray Accumulate(IEnumerable<System.Net.ServerSentEvents.SseItem<string>> events)
    {
        var blocks = new JsonArray();
        var json = new Dictionary<int, StringBuilder>();
        foreach (var e in events)
        {
            var data = JsonNode.Parse(e.Data)!;
            switch (e.EventType)
            {
                case "content_block_start":
                    blocks.Add(data["content_block"]!.DeepClone());
                    break;
                case "content_block_delta":
                    var index = (int)data["index"]!;
                    var block = blocks[index]!.AsObject();
                    var delta = data["delta"]!;
                    switch ((string)delta["type"]!)
                    {
                        case "thinking_delta":
                            block["thinking"] = (string?)block["thinking"] + (string)delta["thinking"]!;
                            break;
                        case "signature_delta":
                            block["signature"] = (string)delta["signature"]!;
                            break;
                        case "text_delta":
                            block["text"] = (string?)block["text"] + (string)delta["text"]!;
                            break;
                        case "input_json_delta":
                            (json.TryGetValue(index, out var sb) ? sb : json[index] = new StringBuilder()).Append((string)delta["partial_json"]!);
                            break;
                    }

                    break;
            }
        }

        foreach (var (index, text) in json)
        {
            blocks[index]!["input"] = JsonNode.Parse(text.ToString());
        }

        return blocks;
    }

    [Fact]
    public async Task Messages_StreamedThinkingToolCall_SecondTurnSignatureAccepted()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var first = new JsonObject
        {
            ["model"] = "claude-sonnet-4-5-thinking",
            ["max_tokens"] = 4096,
            ["stream"] = true,
            ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 1024 },
            ["tools"] = new JsonArray(new JsonObject
            {
                ["name"] = "lookup",
                ["input_schema"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["q"] = new JsonObject { ["type"] = "string" } } },
            }),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = """Find it [[emu:call lookup {"q":"switchyard"}]]""" }),
        };
        using var response = await h.PostAsync("v1/messages", first.ToJsonString(), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = Accumulate(await FrontDoorHarness.EventsAsync(response));
        var thinking = content.First(b => (string)b!["type"]! == "thinking")!;
        Assert.False(string.IsNullOrEmpty((string?)thinking["signature"]));
        var toolUse = content.Single(b => (string)b!["type"]! == "tool_use")!;
        Assert.Equal("switchyard", (string)toolUse["input"]!["q"]!);

        var second = first.DeepClone().AsObject();
        second["stream"] = false;
        second["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = content.DeepClone() });
        second["messages"]!.AsArray().Add(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = (string)toolUse["id"]!, ["content"] = "found" }),
        });
        using var followUp = await h.PostAsync("v1/messages", second.ToJsonString());
        var answer = await FrontDoorHarness.JsonAsync(followUp);
        Assert.True(followUp.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal([200, 200], (await h.GenerateCallsAsync()).Select(c => c.Status));
    }
}
