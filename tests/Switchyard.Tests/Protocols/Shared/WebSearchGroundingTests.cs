using System.Text.Json.Nodes;
using Switchyard.Protocols.Shared;

namespace Switchyard.Tests.Protocols.Shared;

public sealed class WebSearchGroundingTests
{
    private const string Metadata = """
        {"webSearchQueries":["oslo"],
         "groundingChunks":[{"web":{"uri":"https://a","title":"a.com"}},{"retrievedContext":{}},{"web":{"uri":"https://b","title":"b.org"}}],
         "groundingSupports":[
           {"segment":{"startIndex":0,"endIndex":5,"text":"Ålund"},"groundingChunkIndices":[0,2]},
           {"segment":{"startIndex":8,"endIndex":12},"groundingChunkIndices":[2]},
           {"segment":{"startIndex":0,"endIndex":1},"groundingChunkIndices":[1]}]}
        """;

    [Fact]
    public void Read_Metadata_SourcesRenumberedAndSupportsWithoutWebChunksDropped()
    {
        var grounding = WebSearchGrounding.Read(JsonNode.Parse(Metadata))!;

        Assert.Equal(["oslo"], grounding.Queries);
        Assert.Equal(["https://a", "https://b"], grounding.Sources.Select(s => s.Url));
        Assert.Equal(2, grounding.Citations.Count);
        Assert.Equal([0, 1], grounding.Citations[0].Sources);
        Assert.Equal([1], grounding.Citations[1].Sources);
    }

    [Fact]
    public void Read_NoQueriesNoSources_Null()
    {
        Assert.Null(WebSearchGrounding.Read(JsonNode.Parse("""{"searchEntryPoint":{}}""")));
        Assert.Null(WebSearchGrounding.Read(null));
    }

    [Fact]
    public void CitedTextAndSpan_SegmentWithoutText_UsesUtf8ByteOffsets()
    {
        var grounding = WebSearchGrounding.Read(JsonNode.Parse(Metadata))!;
        const string answer = "Ålund. Oslo!";
        var cursor = 0;

        Assert.Equal("Ålund", WebSearchGrounding.CitedText(grounding.Citations[0], answer));
        Assert.Equal((0, 5), WebSearchGrounding.Span(grounding.Citations[0], answer, ref cursor));
        Assert.Equal("Oslo", WebSearchGrounding.CitedText(grounding.Citations[1], answer));
        Assert.Equal((7, 11), WebSearchGrounding.Span(grounding.Citations[1], answer, ref cursor));
    }

    [Fact]
    public void ForSearch_QueryAndSources_ReadsBackWithoutCitations()
    {
        var metadata = WebSearchGrounding.ForSearch("q", [new GroundingSource("https://a", "A")]);

        var grounding = WebSearchGrounding.Read(metadata)!;

        Assert.Equal(["q"], grounding.Queries);
        Assert.Equal([new GroundingSource("https://a", "A")], grounding.Sources);
        Assert.Empty(grounding.Citations);
    }
}
