using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.WebSearch;

/// <summary>Web search on the chat completions door: <c>web_search_options</c> or a web_search tool; results as url_citation annotations.</summary>
public sealed class OpenAIWebSearchTests
{
    private static async Task<(string Text, JsonArray Annotations)> ReadAsync(HttpResponseMessage response, bool stream)
    {
        if (!stream)
        {
            var message = (await FrontDoorHarness.JsonAsync(response))["choices"]![0]!["message"]!;
            return ((string)message["content"]!, message["annotations"]?.AsArray() ?? []);
        }

        var text = "";
        var annotations = new JsonArray();
        foreach (var e in await FrontDoorHarness.EventsAsync(response))
        {
            if (e.Data == "[DONE]")
            {
                continue;
            }

            var delta = JsonNode.Parse(e.Data)!["choices"]![0]?["delta"];
            text += (string?)delta?["content"];
            foreach (var a in delta?["annotations"]?.AsArray() ?? [])
            {
                annotations.Add(a!.DeepClone());
            }
        }

        return (text, annotations);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_WebSearchOptions_SearchModelAnswersWithCitedSpans(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = new JsonObject
        {
            ["model"] = "claude-sonnet-4-6",
            ["stream"] = stream,
            ["web_search_options"] = new JsonObject(),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is new in Oslo?" }),
        };

        using var response = await h.PostAsync("v1/chat/completions", body.ToJsonString(), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (text, annotations) = await ReadAsync(response, stream);

        Assert.Equal("web_search", (string)JsonNode.Parse((await h.GenerateCallsAsync()).Single().Body!)!["requestType"]!);
        Assert.NotEmpty(annotations);
        foreach (var annotation in annotations)
        {
            Assert.Equal("url_citation", (string)annotation!["type"]!);
            var citation = annotation["url_citation"]!;
            var (start, end) = ((int)citation["start_index"]!, (int)citation["end_index"]!);
            Assert.InRange(start, 0, end - 1);
            Assert.InRange(end, 1, text.Length);
            Assert.StartsWith("https://", (string)citation["url"]!, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_WebSearchToolNextToFunctions_GatewaySearchesThenAnswersWithSources(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = new JsonObject
        {
            ["model"] = "gemini-3-flash",
            ["stream"] = stream,
            ["tools"] = new JsonArray(
                new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "read_file", ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() } } },
                new JsonObject { ["type"] = "web_search" }),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = """Look [[emu:call web_search {"query":"oslo"}]]""" }),
        };

        using var response = await h.PostAsync("v1/chat/completions", body.ToJsonString(), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (text, annotations) = await ReadAsync(response, stream);

        Assert.Contains("reply after tool results: web_search", text, StringComparison.Ordinal);
        Assert.NotEmpty(annotations);
        Assert.All(annotations, a => Assert.Equal(text.Length, (int)a!["url_citation"]!["end_index"]!));
        var calls = (await h.GenerateCallsAsync()).Select(e => (string)JsonNode.Parse(e.Body!)!["requestType"]!).ToList();
        Assert.Equal(["agent", "web_search", "agent"], calls);
    }

    [Fact]
    public async Task ChatCompletions_UnknownToolType_400NamingTheTool()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        using var response = await h.PostAsync("v1/chat/completions", """{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"code_interpreter"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("tools[0].type", (string)(await FrontDoorHarness.JsonAsync(response))["error"]!["param"]!);
    }
}
