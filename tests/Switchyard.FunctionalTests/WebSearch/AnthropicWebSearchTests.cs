using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.WebSearch;

/// <summary>
/// The Anthropic web search server tool: alone it is the upstream's googleSearch on a search model; next to client tools
/// the gateway searches between rounds. Results come back as server_tool_use + web_search_tool_result blocks.
/// </summary>
public sealed class AnthropicWebSearchTests
{
    private static JsonObject WebSearchTool(string type = "web_search_20250305") => new() { ["type"] = type, ["name"] = "web_search", ["max_uses"] = 3 };

    /// <summary>The message's content, from the JSON reply or rebuilt from the stream's block events.</summary>
    private static async Task<(JsonArray Content, JsonObject Usage, string? StopReason)> ReadAsync(HttpResponseMessage response, bool stream)
    {
        if (!stream)
        {
            var json = await FrontDoorHarness.JsonAsync(response);
            return (json["content"]!.AsArray(), json["usage"]!.AsObject(), (string?)json["stop_reason"]);
        }

        var blocks = new JsonArray();
        var partial = new Dictionary<int, string>();
        JsonObject usage = [];
        string? stop = null;
        foreach (var e in await FrontDoorHarness.EventsAsync(response))
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
                        case "text_delta":
                            block["text"] = (string?)block["text"] + (string)delta["text"]!;
                            break;
                        case "input_json_delta":
                            partial[index] = partial.GetValueOrDefault(index) + (string)delta["partial_json"]!;
                            break;
                        case "citations_delta":
                            (block["citations"] ??= new JsonArray()).AsArray().Add(delta["citation"]!.DeepClone());
                            break;
                    }

                    break;
                case "message_delta":
                    usage = data["usage"]!.AsObject();
                    stop = (string?)data["delta"]!["stop_reason"];
                    break;
            }
        }

        foreach (var (index, text) in partial)
        {
            blocks[index]!["input"] = JsonNode.Parse(text);
        }

        return (blocks, usage, stop);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_WebSearchAlone_SearchModelAnswersWithResultBlocksAndCitations(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = new JsonObject
        {
            ["model"] = "claude-sonnet-4-6",
            ["max_tokens"] = 1024,
            ["stream"] = stream,
            ["tools"] = new JsonArray(WebSearchTool()),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is new in Oslo?" }),
        };

        using var response = await h.PostAsync("v1/messages", body.ToJsonString(), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (content, usage, stop) = await ReadAsync(response, stream);

        Assert.Equal("gemini-3-flash", response.Headers.GetValues("X-Mapped-Model").Single());
        var upstream = Assert.Single(await h.GenerateCallsAsync());
        var sent = JsonNode.Parse(upstream.Body!)!;
        Assert.Equal(("gemini-3-flash", "web_search"), ((string)sent["model"]!, (string)sent["requestType"]!));
        var use = Assert.Single(content, b => (string?)b!["type"] == "server_tool_use")!;
        Assert.Equal("web_search", (string)use["name"]!);
        Assert.False(string.IsNullOrEmpty((string?)use["input"]!["query"]));
        var result = Assert.Single(content, b => (string?)b!["type"] == "web_search_tool_result")!;
        Assert.Equal((string)use["id"]!, (string)result["tool_use_id"]!);
        Assert.All(result["content"]!.AsArray(), r => Assert.StartsWith("https://", (string)r!["url"]!, StringComparison.Ordinal));
        var text = content.First(b => (string?)b!["type"] == "text")!;
        var citation = text["citations"]![0]!;
        Assert.Equal("web_search_result_location", (string)citation["type"]!);
        Assert.Contains((string)citation["cited_text"]!, (string)text["text"]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)usage["server_tool_use"]!["web_search_requests"]!);
        Assert.Equal("end_turn", stop);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_WebSearchNextToClientTools_GatewaySearchesAndClaudeAnswers(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = new JsonObject
        {
            ["model"] = "claude-sonnet-4-6",
            ["max_tokens"] = 1024,
            ["stream"] = stream,
            ["tools"] = new JsonArray(
                new JsonObject { ["name"] = "read_file", ["input_schema"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["path"] = new JsonObject { ["type"] = "string" } } } },
                WebSearchTool("web_search_20260209")),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = """Look it up [[emu:call web_search {"query":"oslo weather"}]]""" }),
        };

        using var response = await h.PostAsync("v1/messages", body.ToJsonString(), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (content, usage, stop) = await ReadAsync(response, stream);

        Assert.Equal(["server_tool_use", "web_search_tool_result", "text"], content.Select(b => (string)b!["type"]!));
        Assert.Equal("oslo weather", (string)content[0]!["input"]!["query"]!);
        Assert.Contains("reply after tool results: web_search", (string)content[2]!["text"]!, StringComparison.Ordinal);
        Assert.Equal("end_turn", stop);
        Assert.Equal(1, (int)usage["server_tool_use"]!["web_search_requests"]!);
        var calls = (await h.GenerateCallsAsync()).Select(e => JsonNode.Parse(e.Body!)!).ToList();
        Assert.Equal(["claude-sonnet-4-6", "gemini-3-flash", "claude-sonnet-4-6"], calls.Select(c => (string)c["model"]!));
        var declared = calls[0]["request"]!["tools"]![0]!["functionDeclarations"]!.AsArray().Select(d => (string)d!["name"]!);
        Assert.Equal(["read_file", "web_search"], declared);
    }

    [Fact]
    public async Task Messages_HistoryWithSearchBlocks_AcceptedAndNotSentUpstream()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = new JsonObject
        {
            ["model"] = "claude-sonnet-4-6",
            ["max_tokens"] = 256,
            ["messages"] = JsonNode.Parse("""
                [{"role":"user","content":"news?"},
                 {"role":"assistant","content":[
                   {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"news"}},
                   {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[{"type":"web_search_result","url":"https://a","title":"A","encrypted_content":"x"}]},
                   {"type":"text","text":"Here is the news.","citations":[{"type":"web_search_result_location","url":"https://a","title":"A","encrypted_index":"MA","cited_text":"x"}]}]},
                 {"role":"user","content":"[[emu:text thanks]]"}]
                """),
        };

        using var response = await h.PostAsync("v1/messages", body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = JsonNode.Parse((await h.GenerateCallsAsync()).Single().Body!)!["request"]!["contents"]!.AsArray();
        Assert.Equal("Here is the news.", (string)sent[1]!["parts"]!.AsArray().Single()!["text"]!);
    }
}
