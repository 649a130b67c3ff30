using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols.OpenAI;

public sealed class OpenAIWebSearchTests
{
    private static readonly ModelRoute Flash = new("gemini-3-flash", "gemini-3-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true, Gemini3: true);

    private static TranslationContext Ctx => new(Flash, "p", "r", new ThinkingMemory());

    private static ChatCompletionRequest Parse(string json)
    {
        Assert.True(OpenAITranslator.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error), error?.Message);
        return request;
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"web_search_options":{}}""", "Native")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"web_search"}]}""", "Native")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"web_search_options":{},"tools":[{"type":"function","function":{"name":"f"}}]}""", "Split")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f"}}]}""", "None")]
    public void WebSearch_Request_Mode(string json, string mode)
    {
        Assert.Equal(mode, OpenAITranslator.WebSearch(Parse(json)).Mode.ToString());
    }

    [Fact]
    public void ToUpstream_SplitSearch_SearchFunctionDeclaredAfterTheClientsFunctions()
    {
        var request = Parse("""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f"}},{"type":"web_search_preview"}]}""");

        var envelope = OpenAITranslator.ToUpstream(request, Ctx);

        Assert.Equal(["f", "web_search"], envelope.Request.Tools!.Single().FunctionDeclarations!.Select(d => d.Name));
        Assert.Equal("agent", envelope.RequestType);
    }

    [Fact]
    public void FromUpstream_NativeGrounding_AnnotationOverTheSupportedSpan()
    {
        var response = new GenerateContentResponse
        {
            Candidates =
            [
                new Candidate
                {
                    Content = new Content { Parts = [new Part { Text = "Intro. Oslo grew." }] },
                    GroundingMetadata = JsonNode.Parse("""{"groundingChunks":[{"web":{"uri":"https://a","title":"A"}}],"groundingSupports":[{"segment":{"startIndex":7,"endIndex":17,"text":"Oslo grew."},"groundingChunkIndices":[0]}]}"""),
                },
            ],
        };

        var completion = OpenAITranslator.FromUpstream(new UpstreamResponseEnvelope { Response = response }, Ctx, DateTimeOffset.UnixEpoch);

        var annotation = Assert.Single(completion.Choices[0].Message.Annotations!);
        Assert.Equal((7, 17, "https://a", "A"), (annotation.UrlCitation.StartIndex, annotation.UrlCitation.EndIndex, annotation.UrlCitation.Url, annotation.UrlCitation.Title));
    }

    [Fact]
    public void FromUpstream_GatewaySearchBetweenRounds_SourcesCoverTheTextWrittenAfterIt()
    {
        GenerateContentResponse Text(string text) => new() { Candidates = [new Candidate { Content = new Content { Parts = [new Part { Text = text }] } }] };
        var search = new GenerateContentResponse
        {
            Candidates = [new Candidate { Content = new Content { Parts = [] }, GroundingMetadata = WebSearchGrounding.ForSearch("q", [new GroundingSource("https://s", "S")]) }],
        };

        var completion = OpenAITranslator.FromUpstream([Text("Let me look. "), search, Text("Found it.")], Ctx, DateTimeOffset.UnixEpoch);

        Assert.Equal("Let me look. Found it.", completion.Choices[0].Message.Content);
        var annotation = Assert.Single(completion.Choices[0].Message.Annotations!);
        Assert.Equal((13, 22), (annotation.UrlCitation.StartIndex, annotation.UrlCitation.EndIndex));
    }

    [Fact]
    public void FromUpstream_NoSearch_NoAnnotations()
    {
        var completion = OpenAITranslator.FromUpstream(
            new UpstreamResponseEnvelope { Response = new GenerateContentResponse { Candidates = [new Candidate { Content = new Content { Parts = [new Part { Text = "hi" }] } }] } },
            Ctx,
            DateTimeOffset.UnixEpoch);

        Assert.Null(completion.Choices[0].Message.Annotations);
    }
}
