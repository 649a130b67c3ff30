using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class AnthropicDoorToolTests
{
    private static JsonArray Tools() => new(new JsonObject
    {
        ["name"] = "get_weather",
        ["description"] = "Weather for a city",
        ["input_schema"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray("city"),
        },
    });

    [Theory]
    [InlineData("claude-sonnet-4-5", false)]
    [InlineData("claude-sonnet-4-5-thinking", true)]
    public async Task Messages_ToolCallRoundTrip_SecondTurnAccepted(string model, bool thinking)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var first = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 4096,
            ["tools"] = Tools(),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = """What is the weather? [[emu:call get_weather {"city":"Paris"}]]""" }),
        };
        if (thinking)
        {
            first["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 1024 };
        }

        using var response = await h.PostAsync("v1/messages", first.ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        Assert.Equal("tool_use", (string)json["stop_reason"]!);
        var content = json["content"]!.AsArray();
        var toolUse = content.Single(b => (string)b!["type"]! == "tool_use")!;
        Assert.Equal("get_weather", (string)toolUse["name"]!);
        Assert.Equal("Paris", (string)toolUse["input"]!["city"]!);
        if (thinking)
        {
            var block = content.First(b => (string)b!["type"]! == "thinking")!;
            Assert.False(string.IsNullOrEmpty((string?)block["signature"]));
        }

        var second = first.DeepClone().AsObject();
        second["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = content.DeepClone() });
        second["messages"]!.AsArray().Add(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = (string)toolUse["id"]!, ["content"] = "Sunny, 21 C" }),
        });
        using var followUp = await h.PostAsync("v1/messages", second.ToJsonString());
        var answer = await FrontDoorHarness.JsonAsync(followUp);
        Assert.True(followUp.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal("end_turn", (string)answer["stop_reason"]!);
        Assert.Equal([200, 200], (await h.GenerateCallsAsync()).Select(c => c.Status));
    }
}
