using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.Tests.Validation;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;

namespace Switchyard.Emulator.Tests.Generation;

public sealed class SearchGroundingTests
{
    private const string SearchModel = "gemini-3-flash";

    private static JsonObject SearchEnvelope(string userText, string model = SearchModel)
    {
        var body = EmulatorFixture.Envelope(model, userText);
        body["requestType"] = "web_search";
        body["request"]!["tools"] = new JsonArray(new JsonObject { ["googleSearch"] = new JsonObject() });
        return body;
    }

    private static JsonObject Grounding(JsonObject body) => body["response"]!["candidates"]![0]!["groundingMetadata"]!.AsObject();

    [Fact]
    public async Task Generate_SearchTool_AnswersWithGroundingMetadata()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, SearchEnvelope("latest dotnet release"));

        var text = Text(Parts(body));
        Assert.Equal(SearchGrounding.AnswerText("latest dotnet release"), text);
        var grounding = Grounding(body);
        Assert.Equal(["latest dotnet release"], grounding["webSearchQueries"]!.AsArray().Select(q => (string)q!));
        Assert.Contains("latest dotnet release", (string)grounding["searchEntryPoint"]!["renderedContent"]!, StringComparison.Ordinal);
        var chunks = grounding["groundingChunks"]!.AsArray();
        Assert.Equal(2, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.StartsWith("https://vertexaisearch.cloud.google.com/grounding-api-redirect/", (string)c!["web"]!["uri"]!, StringComparison.Ordinal);
            Assert.Contains((string)c["web"]!["title"]!, (string[])["example.com", "example.org", "docs.example.net", "wiki.example.edu"]);
        });
        Assert.NotEqual((string?)chunks[0]!["web"]!["title"], (string?)chunks[1]!["web"]!["title"]);
        Assert.Equal(3, grounding["groundingSupports"]!.AsArray().Count);
        Assert.Equal(2 * SearchGrounding.ToolTokensPerChunk, UsageValue(body, "toolUsePromptTokenCount"));
        Assert.Equal(
            UsageValue(body, "promptTokenCount") + UsageValue(body, "candidatesTokenCount") + (2 * SearchGrounding.ToolTokensPerChunk),
            UsageValue(body, "totalTokenCount"));
    }

    [Fact]
    public async Task Generate_NonAsciiQuery_SegmentOffsetsAreUtf8Bytes()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, SearchEnvelope("café ☕ prices in Zürich"));

        var bytes = Encoding.UTF8.GetBytes(Text(Parts(body)));
        var supports = Grounding(body)["groundingSupports"]!.AsArray();
        Assert.Equal(3, supports.Count);
        foreach (var support in supports)
        {
            var segment = support!["segment"]!;
            var start = (int)segment["startIndex"]!;
            var end = (int)segment["endIndex"]!;
            Assert.Equal((string)segment["text"]!, Encoding.UTF8.GetString(bytes, start, end - start));
        }

        // The first sentence holds the multi-byte query, so the second starts later in bytes than in chars.
        var second = supports[1]!["segment"]!;
        Assert.True((int)second["startIndex"]! > Text(Parts(body)).IndexOf((string)second["text"]!, StringComparison.Ordinal));
        Assert.Equal([0, 1], supports[0]!["groundingChunkIndices"]!.AsArray().Select(i => (int)i!));
        Assert.Equal([0], supports[1]!["groundingChunkIndices"]!.AsArray().Select(i => (int)i!));
        Assert.Equal([1], supports[2]!["groundingChunkIndices"]!.AsArray().Select(i => (int)i!));
    }

    [Fact]
    public async Task Generate_SameQueryTwice_SameGrounding()
    {
        await using var emu = await StartAsync();

        var first = await GenerateAsync(emu, SearchEnvelope("weather in Oslo"));
        var second = await GenerateAsync(emu, SearchEnvelope("weather in Oslo"));

        Assert.True(JsonNode.DeepEquals(Grounding(first), Grounding(second)));
    }

    [Fact]
    public async Task Generate_TextDirectiveWithSearch_SupportsFollowTheDirectiveText()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, SearchEnvelope("find it [[emu:text One fact. Two facts!]]"));

        Assert.Equal("One fact. Two facts!", Text(Parts(body)));
        var grounding = Grounding(body);
        Assert.Equal("find it", (string?)grounding["webSearchQueries"]![0]);
        Assert.Equal(["One fact.", "Two facts!"], grounding["groundingSupports"]!.AsArray().Select(s => (string)s!["segment"]!["text"]!));
    }

    [Fact]
    public async Task Stream_SearchTool_GroundingOnlyOnLastEventWithOffsetsIntoWholeText()
    {
        await using var emu = await StartAsync();

        var events = await StreamEventsAsync(emu, SearchEnvelope("history of the printing press"));

        Assert.True(events.Count > 2);
        Assert.All(events.SkipLast(1), e => Assert.Null(e["response"]!["candidates"]![0]!["groundingMetadata"]));
        var last = events[^1];
        Assert.Equal("STOP", FinishReason(last));
        var bytes = Encoding.UTF8.GetBytes(Text(AllParts(events)));
        foreach (var support in Grounding(last)["groundingSupports"]!.AsArray())
        {
            var segment = support!["segment"]!;
            var start = (int)segment["startIndex"]!;
            Assert.Equal((string)segment["text"]!, Encoding.UTF8.GetString(bytes, start, (int)segment["endIndex"]! - start));
        }

        Assert.Equal(2 * SearchGrounding.ToolTokensPerChunk, UsageValue(last, "toolUsePromptTokenCount"));
    }

    [Fact]
    public async Task Generate_SearchOnModelOutsideSearchModels_Rejected()
    {
        await using var emu = await StartAsync();

        using var response = await emu.CallAsync("generateContent", SearchEnvelope("q", "gemini-3.6-flash-high"), await emu.TokenAsync());

        await ValidationKit.AssertGoogle400Async(response, ToolRules.SearchNotSupported);
        Assert.Equal("search-model", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_SearchModelRuleOffOrModelListed_Passes()
    {
        await using var off = await StartAsync(new EmulatorConfig { Search = new SearchConfig { RequireSearchModel = false } });
        await using var listed = await StartAsync(new EmulatorConfig { Search = new SearchConfig { Models = ["gemini-3.6-flash-high"] } });

        using var offResponse = await off.CallAsync("generateContent", SearchEnvelope("q", "gemini-3.6-flash-high"), await off.TokenAsync());
        using var listedResponse = await listed.CallAsync("generateContent", SearchEnvelope("q", "gemini-3.6-flash-high"), await listed.TokenAsync());

        await ValidationKit.AssertOkAsync(offResponse);
        await ValidationKit.AssertOkAsync(listedResponse);
    }

    [Theory]
    [InlineData("agent", true)]
    [InlineData("web_search", false)]
    public async Task Generate_RequestTypeDisagreesWithSearchTool_Rejected(string requestType, bool withSearch)
    {
        await using var emu = await StartAsync();
        var body = withSearch ? SearchEnvelope("q") : EmulatorFixture.Envelope(SearchModel, "q");
        body["requestType"] = requestType;

        using var response = await emu.CallAsync("generateContent", body, await emu.TokenAsync());

        await ValidationKit.AssertGoogle400Async(response, "Request contains an invalid argument.");
        Assert.Equal("search-request-type", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_SearchWithoutRequestType_GeminiCliStylePasses()
    {
        await using var emu = await StartAsync();
        var body = SearchEnvelope("q");
        body.Remove("requestType");

        using var response = await emu.CallAsync("generateContent", body, await emu.TokenAsync());

        await ValidationKit.AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_SearchRequestTypeRuleOff_AgentSearchPasses()
    {
        await using var emu = await StartAsync(new EmulatorConfig { Search = new SearchConfig { RequireWebSearchRequestType = false } });
        var body = SearchEnvelope("q");
        body["requestType"] = "agent";

        using var response = await emu.CallAsync("generateContent", body, await emu.TokenAsync());

        await ValidationKit.AssertOkAsync(response);
    }

    [Theory]
    [InlineData(true, 400)]
    [InlineData(false, 200)]
    public async Task Generate_SearchRetrievalTool_RejectedWhenStrict(bool reject, int status)
    {
        await using var emu = await StartAsync(new EmulatorConfig { Search = new SearchConfig { RejectSearchRetrieval = reject } });
        var body = EmulatorFixture.Envelope(SearchModel, "q");
        body["request"]!["tools"] = new JsonArray(new JsonObject { ["googleSearchRetrieval"] = new JsonObject() });

        using var response = await emu.CallAsync("generateContent", body, await emu.TokenAsync());

        Assert.Equal(status, (int)response.StatusCode);
        if (reject)
        {
            await ValidationKit.AssertGoogle400Async(response, ToolRules.SearchRetrievalNotSupported);
        }
    }

    [Fact]
    public async Task FetchAvailableModels_ListsSearchAndImageModelIds()
    {
        await using var emu = await StartAsync(new EmulatorConfig { Search = new SearchConfig { Models = ["gemini-3-flash", "gemini-3.1-flash-lite"] } });

        using var response = await emu.CallAsync("fetchAvailableModels", new JsonObject(), await emu.TokenAsync());
        var body = await EmulatorFixture.ReadJsonAsync(response);

        Assert.Equal(["gemini-3-flash", "gemini-3.1-flash-lite"], body["webSearchModelIds"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(["gemini-3.1-flash-image"], body["imageGenerationModelIds"]!.AsArray().Select(m => (string)m!));
    }
}
