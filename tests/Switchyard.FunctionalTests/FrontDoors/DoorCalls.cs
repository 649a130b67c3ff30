using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.Recovery;

namespace Switchyard.FunctionalTests.FrontDoors;

/// <summary>One request with tools in each door's own shape, and the tool call read back from its reply, streamed or not.</summary>
internal static class DoorCalls
{
    public static readonly string[] Doors = ["anthropic", "openai", "responses", "gemini"];

    /// <summary>The path and body of a request offering <paramref name="tools"/> (name, JSON schema) with one user text.</summary>
    public static (string Path, string Body) Request(string door, string model, IEnumerable<(string Name, JsonNode Schema)> tools, string prompt, bool stream)
    {
        var list = tools.ToList();
        return door switch
        {
            "anthropic" => ("v1/messages", new JsonObject
            {
                ["model"] = model,
                ["max_tokens"] = 1024,
                ["stream"] = stream,
                ["tools"] = new JsonArray([.. list.Select(t => new JsonObject { ["name"] = t.Name, ["input_schema"] = t.Schema.DeepClone() })]),
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
            }.ToJsonString()),
            "openai" => ("v1/chat/completions", new JsonObject
            {
                ["model"] = model,
                ["stream"] = stream,
                ["tools"] = new JsonArray([.. list.Select(t => new JsonObject
                {
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = t.Name, ["parameters"] = t.Schema.DeepClone() },
                })]),
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
            }.ToJsonString()),
            "responses" => ("v1/responses", new JsonObject
            {
                ["model"] = model,
                ["stream"] = stream,
                ["tools"] = new JsonArray([.. list.Select(t => new JsonObject { ["type"] = "function", ["name"] = t.Name, ["parameters"] = t.Schema.DeepClone() })]),
                ["input"] = prompt,
            }.ToJsonString()),
            _ => ($"v1beta/models/{model}:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}", new JsonObject
            {
                ["tools"] = new JsonArray(new JsonObject
                {
                    ["functionDeclarations"] = new JsonArray([.. list.Select(t => new JsonObject { ["name"] = t.Name, ["parametersJsonSchema"] = t.Schema.DeepClone() })]),
                }),
                ["contents"] = new JsonArray(new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = prompt }) }),
            }.ToJsonString()),
        };
    }

    /// <summary>The name of every tool call in the reply, in order.</summary>
    public static async Task<List<string>> CallNamesAsync(string door, HttpResponseMessage response, bool stream)
    {
        switch (door)
        {
            case "anthropic":
                var content = stream ? await StrictThinkingTests.StreamedContentAsync(response) : (await FrontDoorHarness.JsonAsync(response))["content"]!.AsArray();
                return [.. content.Where(b => (string?)b!["type"] == "tool_use").Select(b => (string)b!["name"]!)];
            case "openai" when stream:
                return [.. (await FrontDoorHarness.EventsAsync(response))
                    .Where(e => e.Data != "[DONE]")
                    .SelectMany(e => JsonNode.Parse(e.Data)!["choices"]?.AsArray().SelectMany(c => c!["delta"]?["tool_calls"]?.AsArray() ?? []) ?? [])
                    .Select(c => (string?)c!["function"]?["name"])
                    .OfType<string>()];
            case "openai":
                return [.. ((await FrontDoorHarness.JsonAsync(response))["choices"]![0]!["message"]!["tool_calls"]?.AsArray() ?? [])
                    .Select(c => (string)c!["function"]!["name"]!)];
            case "responses":
                var items = stream
                    ? (await FrontDoorHarness.EventsAsync(response)).Where(e => e.EventType == "response.output_item.done").Select(e => JsonNode.Parse(e.Data)!["item"]!)
                    : (await FrontDoorHarness.JsonAsync(response))["output"]!.AsArray().Select(i => i!);
                return [.. items.Where(i => (string?)i["type"] == "function_call").Select(i => (string)i["name"]!)];
            default:
                var replies = stream
                    ? (await FrontDoorHarness.EventsAsync(response)).Select(e => JsonNode.Parse(e.Data)!).ToList()
                    : [await FrontDoorHarness.JsonAsync(response)];
                return [.. replies.SelectMany(r => r["candidates"]?[0]?["content"]?["parts"]?.AsArray() ?? [])
                    .Select(p => (string?)p!["functionCall"]?["name"])
                    .OfType<string>()];
        }
    }
}
