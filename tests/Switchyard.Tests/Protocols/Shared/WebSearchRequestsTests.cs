using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols.Shared;

public sealed class WebSearchRequestsTests
{
    private static TranslationContext Context(string model) =>
        new(new ModelRoute(model, model, ModelFamily.Gemini, "gemini-flash", Thinking: true, Gemini3: true), "proj", "req-1", new ThinkingMemory());

    [Fact]
    public void SearchEnvelope_Query_SearchOnlyRequestOfTypeWebSearch()
    {
        var envelope = WebSearchRequests.SearchEnvelope("oslo news", Context("gemini-3-flash"));

        Assert.Equal(("gemini-3-flash", "web_search", "proj", "req-1"), (envelope.Model, envelope.RequestType, envelope.Project, envelope.RequestId));
        Assert.NotNull(Assert.Single(envelope.Request.Tools!).GoogleSearch);
        Assert.Equal("oslo news", envelope.Request.Contents.Single().Parts.Single().Text);
    }

    [Fact]
    public void ReadAnswer_GroundedReply_TextWithoutThoughtsAndSources()
    {
        var reply = new UpstreamResponseEnvelope
        {
            Response = new GenerateContentResponse
            {
                Candidates =
                [
                    new Candidate
                    {
                        Content = new Content { Parts = [new Part { Thought = true, Text = "hmm" }, new Part { Text = "Oslo is big." }] },
                        GroundingMetadata = JsonNode.Parse("""{"groundingChunks":[{"web":{"uri":"https://a","title":"a.com"}},{"web":{"uri":"https://b","title":"b.org"}}]}"""),
                    },
                ],
            },
        };

        var (text, sources) = WebSearchRequests.ReadAnswer(reply);

        Assert.Equal("Oslo is big.", text);
        Assert.Equal([new GroundingSource("https://a", "a.com"), new GroundingSource("https://b", "b.org")], sources);
        Assert.Equal("Oslo is big.\n\nSources:\n1. a.com <https://a>\n2. b.org <https://b>", WebSearchRequests.ResultText(text, sources));
    }

    [Fact]
    public void Continue_GeminiRoute_ThoughtTextLeftOutAndNoCallId()
    {
        var previous = new UpstreamEnvelope
        {
            Model = "gemini-3-flash",
            Request = new UpstreamRequest { Contents = [new Content { Role = "user", Parts = [new Part { Text = "news?" }] }] },
        };
        var call = new Part { FunctionCall = new FunctionCall { Name = "web_search", Args = new JsonObject { ["query"] = "q" } }, ThoughtSignature = "sig" };

        var next = WebSearchRequests.Continue(previous, [new Part { Thought = true, Text = "t" }, call], [new SearchAnswer("web_search", "call_1", "answer")], Context("gemini-3-flash"));

        Assert.Equal([call], next.Request.Contents[1].Parts);
        var response = next.Request.Contents[2].Parts.Single().FunctionResponse!;
        Assert.Equal(("web_search", null, "answer"), (response.Name, response.Id, (string?)response.Response!["content"]));
    }

    [Fact]
    public void JoinThoughts_StreamedRunWithTrailingSignature_OnePartSignedOverTheWholeText()
    {
        var call = new Part { FunctionCall = new FunctionCall { Name = "web_search" } };
        Part[] parts =
        [
            new() { Thought = true, Text = "Let " },
            new() { Thought = true, Text = "me " },
            new() { Thought = true, Text = "look.", ThoughtSignature = "sig-1" },
            new() { Thought = true, Text = "Again", ThoughtSignature = "sig-2" },
            new() { Thought = true, Text = " more" },
            new() { Text = "", ThoughtSignature = "sig-3" },
            call,
        ];

        var joined = WebSearchRequests.JoinThoughts(parts);

        Assert.Equal(
            [("Let me look.", "sig-1"), ("Again", "sig-2"), (" more", "sig-3")],
            joined.Where(p => p.Thought == true).Select(p => (p.Text, p.ThoughtSignature)));
        Assert.Same(call, joined[^1]);
        Assert.Equal(4, joined.Count);
    }
}
