using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Responses;

/// <summary>
/// Web search on the Responses door: alone it is the upstream's googleSearch on a search model (citations, a
/// web_search_call item); next to function tools the gateway runs the search itself between rounds.
/// </summary>
public sealed class ResponsesWebSearchTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_WebSearchAlone_SearchModelAnswersWithCitationsAndASearchItem(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = new JsonObject
        {
            ["model"] = "claude-sonnet-4-6",
            ["input"] = "What happened in Oslo today?",
            ["tools"] = new JsonArray(new JsonObject { ["type"] = "web_search" }),
            ["include"] = new JsonArray("web_search_call.action.sources"),
        };

        var reply = await ResponsesCalls.PostAsync(h, body, stream);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.Error?.ToJsonString());
        Assert.Equal("claude-sonnet-4-6", (string)reply.Response!["model"]!);
        Assert.Equal("gemini-3-flash", reply.Http.Headers.GetValues("X-Mapped-Model").Single());
        var upstream = Assert.Single(await ResponsesCalls.UpstreamBodiesAsync(h));
        Assert.Equal(("gemini-3-flash", "web_search"), ((string)upstream["model"]!, (string)upstream["requestType"]!));
        Assert.NotNull(upstream["request"]!["tools"]![0]!["googleSearch"]);
        var message = reply.Items("message").Single();
        var annotations = message["content"]![0]!["annotations"]!.AsArray();
        Assert.NotEmpty(annotations);
        Assert.All(annotations, a => Assert.Equal("url_citation", (string)a!["type"]!));
        var search = reply.Items("web_search_call").Single();
        Assert.Equal("search", (string)search["action"]!["type"]!);
        Assert.NotEmpty(search["action"]!["sources"]!.AsArray());
        if (stream)
        {
            Assert.Contains(reply.Events, e => e.EventType == "response.output_text.annotation.added");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_WebSearchNextToFunctions_GatewaySearchesThenTheModelAnswers(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = new JsonObject
        {
            ["model"] = "claude-sonnet-4-6",
            ["input"] = """Look it up [[emu:call web_search {"query":"oslo weather"}]]""",
            ["tools"] = new JsonArray(ResponsesCalls.Function("read_file"), new JsonObject { ["type"] = "web_search", ["external_web_access"] = false }),
        };

        var reply = await ResponsesCalls.PostAsync(h, body, stream);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.Error?.ToJsonString());
        Assert.Equal("completed", (string)reply.Response!["status"]!);
        var types = reply.DoneItems.Select(i => (string)i["type"]!).ToList();
        Assert.Equal(["web_search_call", "message"], types);
        Assert.Equal("oslo weather", (string)reply.Items("web_search_call").Single()["action"]!["query"]!);
        Assert.Contains("reply after tool results: web_search", reply.Text, StringComparison.Ordinal);
        var calls = await ResponsesCalls.UpstreamBodiesAsync(h);
        Assert.Equal(["claude-sonnet-4-6", "gemini-3-flash", "claude-sonnet-4-6"], calls.Select(c => (string)c["model"]!));
        Assert.Equal(["agent", "web_search", "agent"], calls.Select(c => (string)c["requestType"]!));
        Assert.Equal("oslo weather", (string)calls[1]["request"]!["contents"]![0]!["parts"]![0]!["text"]!);
        var answer = calls[2]["request"]!["contents"]!.AsArray()[^1]!["parts"]![0]!["functionResponse"]!;
        Assert.Contains("Sources:", (string)answer["response"]!["content"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ModelKeepsSearching_LimitedRoundsThenAnAnswer()
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["WebSearch:MaxRounds"] = "1");
        await h.Emulator.Control.AddScriptAsync(JsonNode.Parse("""
            {"match":{"model":"gemini-3-flash"},"responses":[
              {"functionCalls":[{"name":"web_search","args":{"query":"one"}}]},
              {"text":"unused search answer"},
              {"functionCalls":[{"name":"web_search","args":{"query":"two"}}]},
              {"text":"Final answer."}]}
            """)!, TestContext.Current.CancellationToken);
        var body = new JsonObject
        {
            ["model"] = "gemini-3-flash",
            ["input"] = "Search twice",
            ["tools"] = new JsonArray(ResponsesCalls.Function("read_file"), new JsonObject { ["type"] = "web_search" }),
        };

        var reply = await ResponsesCalls.PostAsync(h, body, stream: true);

        Assert.Equal("Final answer.", reply.Text);
        var calls = await ResponsesCalls.UpstreamBodiesAsync(h);
        Assert.Equal(4, calls.Count);
        var limit = calls[3]["request"]!["contents"]!.AsArray()[^1]!["parts"]![0]!["functionResponse"]!["response"]!["content"]!;
        Assert.Contains("limit", (string)limit!, StringComparison.Ordinal);
    }
}
