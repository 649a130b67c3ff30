using System.Text.Json.Nodes;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;
using static Switchyard.Tests.Protocols.Anthropic.AnthropicTestData;

namespace Switchyard.Tests.Protocols.Anthropic;

public sealed class AnthropicWebSearchTests
{
    private const string SearchTool = """{"type":"web_search_20250305","name":"web_search","max_uses":2}""";
    private const string BashTool = """{"name":"web_search_2","input_schema":{"type":"object"}},{"name":"web_search","type":"custom","input_schema":{"type":"object"}}""";

    private static MessagesRequest Messages(string tools, string choice = "") => Request($$$"""
        {"model":"claude-sonnet-4-6","max_tokens":512,"tools":[{{{tools}}}]{{{choice}}},"messages":[{"role":"user","content":"news?"}]}
        """);

    [Fact]
    public void WebSearch_ServerToolAlone_NativeWithMaxUses()
    {
        var plan = AnthropicTranslator.WebSearch(Messages(SearchTool));

        Assert.Equal(new WebSearchPlan(WebSearchMode.Native, MaxUses: 2), plan);
    }

    [Fact]
    public void WebSearch_NextToClientToolsNamedLikeIt_SplitWithAFreeName()
    {
        var plan = AnthropicTranslator.WebSearch(Messages(SearchTool + "," + BashTool));

        Assert.Equal((WebSearchMode.Split, "web_search_3"), (plan.Mode, plan.FunctionName));
    }

    [Fact]
    public void ToUpstream_NativeSearch_GoogleSearchToolRequestTypeWebSearchNoToolConfig()
    {
        var envelope = AnthropicTranslator.ToUpstream(Messages(SearchTool), Context(Gemini3Flash));

        Assert.NotNull(Assert.Single(envelope.Request.Tools!).GoogleSearch);
        Assert.Null(envelope.Request.ToolConfig);
        Assert.Equal("web_search", envelope.RequestType);
    }

    [Fact]
    public void ToUpstream_SplitSearchChosenByToolChoice_SearchFunctionForced()
    {
        var request = Messages(SearchTool + """,{"name":"Bash","input_schema":{"type":"object"}}""", ""","tool_choice":{"type":"tool","name":"web_search"}""");

        var envelope = AnthropicTranslator.ToUpstream(request, Context(Sonnet));

        Assert.Equal(["Bash", "web_search"], envelope.Request.Tools!.Single().FunctionDeclarations!.Select(d => d.Name));
        Assert.Equal(["web_search"], envelope.Request.ToolConfig!.FunctionCallingConfig!.AllowedFunctionNames!);
        Assert.Equal("agent", envelope.RequestType);
    }

    [Fact]
    public void FromUpstream_GroundedAnswer_CitationsThenSearchBlocksAndUsage()
    {
        var response = new GenerateContentResponse
        {
            Candidates =
            [
                new Candidate
                {
                    Content = new Content { Role = "model", Parts = [new Part { Text = "Oslo grew. It is cold." }] },
                    FinishReason = "STOP",
                    GroundingMetadata = JsonNode.Parse("""
                        {"webSearchQueries":["oslo"],"groundingChunks":[{"web":{"uri":"https://a.example","title":"A"}}],
                         "groundingSupports":[{"segment":{"startIndex":0,"endIndex":10,"text":"Oslo grew."},"groundingChunkIndices":[0]}]}
                        """),
                },
            ],
        };

        var message = AnthropicTranslator.FromUpstream(response, Context(Gemini3Flash), "claude-sonnet-4-6");

        Assert.Equal(["text", "server_tool_use", "web_search_tool_result"], message.Content.Select(b => b.Type));
        var citation = Assert.Single(message.Content[0].Citations!)!;
        Assert.Equal(("https://a.example", "Oslo grew."), ((string)citation["url"]!, (string)citation["cited_text"]!));
        Assert.Equal("oslo", (string)message.Content[1].Input!["query"]!);
        Assert.StartsWith("srvtoolu_", message.Content[1].Id, StringComparison.Ordinal);
        Assert.Equal(message.Content[1].Id, message.Content[2].ToolUseId);
        Assert.Equal("https://a.example", (string)message.Content[2].Content![0]!["url"]!);
        Assert.Equal(1, message.Usage.ServerToolUse!.WebSearchRequests);
        Assert.Equal("end_turn", message.StopReason);
    }

    [Fact]
    public void FromUpstream_ImagePart_MarkdownDataUrlTextBlock()
    {
        var response = new GenerateContentResponse
        {
            Candidates = [new Candidate { Content = new Content { Parts = [new Part { Text = "Here:" }, new Part { InlineData = new Blob { MimeType = "image/png", Data = "AAAA" } }] } }],
        };

        var message = AnthropicTranslator.FromUpstream(response, Context(Gemini3Flash), "m");

        Assert.Equal(["Here:", "![image](data:image/png;base64,AAAA)"], message.Content.Select(b => b.Text));
    }
}
