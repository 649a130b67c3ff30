using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols.Gemini;

public sealed class GeminiTranslatorTests
{
    private static readonly ModelRoute Flash25 = new("gemini-2.5-flash", "gemini-2.5-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true);
    private static readonly ModelRoute Opus = new("claude-opus-4-6", "claude-opus-4-6-thinking", ModelFamily.Claude, "claude", Thinking: true);

    private static TranslationContext CreateContext(ModelRoute route) => new(route, "proj", "req", new ThinkingMemory());

    private static GenerateContentRequest Parse(string json)
    {
        Assert.True(GeminiTranslator.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error), error?.Message);
        return request;
    }

    private static GeminiError ParseError(string json)
    {
        Assert.False(GeminiTranslator.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error));
        Assert.Null(request);
        Assert.Equal(400, error.Code);
        Assert.Equal("INVALID_ARGUMENT", error.Status);
        return error;
    }

    [Theory]
    [InlineData("""{}""", "contents")]
    [InlineData("""{"contents":[]}""", "contents")]
    [InlineData("""{"contents":[{"role":"user","parts":[]}]}""", "contents[0].parts")]
    [InlineData("""{"contents":[{"role":"user"}]}""", "contents[0].parts")]
    [InlineData("""{"contents":[{"role":"assistant","parts":[{"text":"x"}]}]}""", "contents[0].role")]
    [InlineData("""{"contents":[{"role":"user","parts":[{}]}]}""", "contents[0].parts[0]")]
    [InlineData("""{"contents":"hello"}""", "contents")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"text":5}]}]}""", "contents[0].parts[0].text")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"text":"x"}]}],"generationConfig":{"maxOutputTokens":"many"}}""", "generationConfig.maxOutputTokens")]
    [InlineData("""{"contents":[{"role":"model","parts":[{"functionCall":{"args":{}}}]}]}""", "contents[0]")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"description":"d"}]}]}""", "tools[0].function_declarations[0].name")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"text":"x"}]}],"systemInstruction":{"parts":[]}}""", "systemInstruction.parts")]
    public void TryParse_WrongShape_Returns400NamingField(string json, string field)
    {
        Assert.Contains(field, ParseError(json).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    public void TryParse_NotAnObject_Returns400(string json)
    {
        ParseError(json);
    }

    [Fact]
    public void TryParse_SnakeAndCamelForSameField_CamelCaseWins()
    {
        var request = Parse("""
            {"contents":[{"parts":[{"text":"x"}]}],
             "generation_config":{"max_output_tokens":10},
             "generationConfig":{"maxOutputTokens":20}}
            """);

        Assert.Equal(20, request.GenerationConfig!.MaxOutputTokens);
    }

    [Fact]
    public void TryParse_SnakeCaseInsideArgsAndSchemas_IsLeftAlone()
    {
        var request = Parse("""
            {"contents":[{"role":"model","parts":[{"function_call":{"name":"edit","args":{"file_path":"a","old_string":"b"}}}]},
                         {"role":"user","parts":[{"function_response":{"name":"edit","response":{"exit_code":0}}}]}],
             "tools":[{"function_declarations":[{"name":"edit","parameters":{"type":"object","properties":{"file_path":{"type":"string"}}}}]}]}
            """);

        var envelope = GeminiTranslator.ToUpstream(request, CreateContext(Flash25));

        Assert.Equal("a", (string)envelope.Request.Contents[0].Parts[0].FunctionCall!.Args!["file_path"]!);
        Assert.Equal(0, (int)envelope.Request.Contents[1].Parts[0].FunctionResponse!.Response!["exit_code"]!);
        Assert.NotNull(envelope.Request.Tools![0].FunctionDeclarations![0].Parameters!["properties"]!["file_path"]);
    }

    private const string CamelCaseBody = """
        {"systemInstruction":{"parts":[{"text":"be brief"}]},
         "contents":[{"role":"user","parts":[{"text":"go"},{"inlineData":{"mimeType":"image/png","data":"AAAA"}}]},
                     {"role":"model","parts":[{"functionCall":{"name":"edit","args":{"file_path":"a"}},"thoughtSignature":"sig"}]},
                     {"role":"user","parts":[{"functionResponse":{"name":"edit","response":{"exit_code":0}}}]}],
         "tools":[{"functionDeclarations":[{"name":"edit","parameters":{"type":"object","properties":{"file_path":{"type":"string"}}}}]}],
         "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["edit"]}},
         "generationConfig":{"maxOutputTokens":100,"stopSequences":["x"],"responseMimeType":"text/plain",
                             "thinkingConfig":{"thinkingBudget":512,"includeThoughts":true}},
         "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}],
         "cachedContent":"c1"}
        """;

    private const string SnakeCaseBody = """
        {"system_instruction":{"parts":[{"text":"be brief"}]},
         "contents":[{"role":"user","parts":[{"text":"go"},{"inline_data":{"mime_type":"image/png","data":"AAAA"}}]},
                     {"role":"model","parts":[{"function_call":{"name":"edit","args":{"file_path":"a"}},"thought_signature":"sig"}]},
                     {"role":"user","parts":[{"function_response":{"name":"edit","response":{"exit_code":0}}}]}],
         "tools":[{"function_declarations":[{"name":"edit","parameters":{"type":"object","properties":{"file_path":{"type":"string"}}}}]}],
         "tool_config":{"function_calling_config":{"mode":"ANY","allowed_function_names":["edit"]}},
         "generation_config":{"max_output_tokens":100,"stop_sequences":["x"],"response_mime_type":"text/plain",
                              "thinking_config":{"thinking_budget":512,"include_thoughts":true}},
         "safety_settings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}],
         "cached_content":"c1"}
        """;

    [Theory]
    [InlineData(SnakeCaseBody)]
    [InlineData("""{"contents":[{"parts":[{"text":"x"}]}],"generation\u005fconfig":{"maxOutputTokens":100}}""")]
    public void TryParse_SnakeCaseOrCamelCaseBody_SameUpstreamRequest(string snakeCase)
    {
        var camelCase = snakeCase == SnakeCaseBody ? CamelCaseBody : """{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"maxOutputTokens":100}}""";
        string Upstream(string body) => JsonSerializer.Serialize(
            GeminiTranslator.ToUpstream(Parse(body), CreateContext(Flash25)), UpstreamJsonContext.Default.UpstreamEnvelope);

        var fromCamel = Upstream(camelCase);

        Assert.Equal(fromCamel, Upstream(snakeCase));
        Assert.Contains("\"maxOutputTokens\":100", fromCamel, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_CamelCaseBody_KeepsSnakeCaseInsideArgsResponsesAndSchemas()
    {
        var envelope = GeminiTranslator.ToUpstream(Parse(CamelCaseBody), CreateContext(Flash25));

        Assert.Equal("a", (string)envelope.Request.Contents[1].Parts[0].FunctionCall!.Args!["file_path"]!);
        Assert.Equal(0, (int)envelope.Request.Contents[2].Parts[0].FunctionResponse!.Response!["exit_code"]!);
        Assert.NotNull(envelope.Request.Tools![0].FunctionDeclarations![0].Parameters!["properties"]!["file_path"]);
        Assert.Equal("image/png", envelope.Request.Contents[0].Parts[1].InlineData!.MimeType);
        Assert.Equal(512, envelope.Request.GenerationConfig!.ThinkingConfig!.ThinkingBudget);
    }

    [Fact]
    public void TryParse_DuplicateName_LastWinsOrIs400NeverThrows()
    {
        const string Camel = """{"contents":[{"parts":[{"text":"x"}]}],"cachedContent":"a","cachedContent":"b"}""";
        const string Snake = """{"contents":[{"parts":[{"text":"x"}]}],"cached_content":"a","cached_content":"b"}""";

        Assert.Equal("b", Parse(Camel).CachedContent);
        Assert.Contains("appears twice", ParseError(Snake).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"contents\":[}")]
    [InlineData("{\"contents\":[]} {}")]
    [InlineData("[1,")]
    public void TryParse_NotJson_SaysNotValidJson(string json)
    {
        Assert.Contains("not valid JSON", ParseError(json).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnknownFields_AreIgnored()
    {
        var request = Parse("""{"contents":[{"parts":[{"text":"x"}]}],"brandNew":{"a":1},"model":"ignored"}""");

        Assert.True(request.Extra!.ContainsKey("brandNew"));
    }

    [Fact]
    public void ToUpstream_ModelComesFromRouteNotBody()
    {
        var request = Parse("""{"model":"models/other","contents":[{"parts":[{"text":"x"}]}]}""");

        Assert.Equal("gemini-2.5-flash", GeminiTranslator.ToUpstream(request, CreateContext(Flash25)).Model);
    }

    [Fact]
    public void ToUpstream_ClaudeTurnWithUnsignedThinking_ThoughtDroppedThinkingStaysOn()
    {
        var request = Parse("""
            {"contents":[{"role":"user","parts":[{"text":"go"}]},
              {"role":"model","parts":[{"thought":true,"text":"unsigned"},{"functionCall":{"name":"f","args":{},"id":"toolu_x"}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"f","response":{}}}]}],
             "generationConfig":{"thinkingConfig":{"thinkingBudget":4096}}}
            """);

        var upstream = GeminiTranslator.ToUpstream(request, CreateContext(Opus)).Request;

        Assert.Equal(4096, upstream.GenerationConfig?.ThinkingConfig?.ThinkingBudget);
        Assert.DoesNotContain(upstream.Contents.SelectMany(c => c.Parts), p => p.Thought == true);
        Assert.Equal("toolu_x", upstream.Contents[2].Parts[0].FunctionResponse!.Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToUpstream_ClaudeThinkingStreamedAsSeveralParts_SentAsOneSignedPart(bool trailingSignaturePart)
    {
        var signed = trailingSignaturePart
            ? """{"thought":true,"text":"two."},{"text":"","thoughtSignature":"SIG"}"""
            : """{"thought":true,"text":"two.","thoughtSignature":"SIG"}""";
        var request = Parse($$$$"""
            {"contents":[{"role":"user","parts":[{"text":"go"}]},
              {"role":"model","parts":[{"thought":true,"text":"Step one, "},{"thought":true,"text":"step "},{{{{signed}}}},{"functionCall":{"name":"f","args":{},"id":"toolu_x"}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"f","id":"toolu_x","response":{}}}]}]}
            """);

        var upstream = GeminiTranslator.ToUpstream(request, CreateContext(Opus)).Request;

        var turn = upstream.Contents[1].Parts;
        Assert.Equal(2, turn.Count);
        Assert.Equal((true, "Step one, step two.", "SIG"), (turn[0].Thought, turn[0].Text, turn[0].ThoughtSignature));
        Assert.NotNull(turn[1].FunctionCall);
    }

    [Fact]
    public void ToUpstream_ClaudeThinkingFromPreviousReply_RestoredByNameAndArgsWhenNoId()
    {
        var ctx = CreateContext(Opus);
        GeminiTranslator.FromUpstream(Reply(
            new Part { Thought = true, Text = "plan", ThoughtSignature = "sig-claude" },
            new Part { FunctionCall = new FunctionCall { Name = "f", Args = new JsonObject { ["a"] = 1 } } }), ctx);
        var request = Parse("""
            {"contents":[{"role":"user","parts":[{"text":"go"}]},
              {"role":"model","parts":[{"functionCall":{"name":"f","args":{"a":1}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"f","response":{}}}]}]}
            """);

        var upstream = GeminiTranslator.ToUpstream(request, ctx).Request;

        Assert.Equal(new Part { Thought = true, Text = "plan", ThoughtSignature = "sig-claude" }, upstream.Contents[1].Parts[0]);
        Assert.NotNull(upstream.GenerationConfig!.ThinkingConfig);
    }

    [Fact]
    public void CountTokensToUpstream_GenerateContentRequestShape_KeepsContentsSystemAndTools()
    {
        Assert.True(GeminiTranslator.TryParseCountTokens(Encoding.UTF8.GetBytes("""
            {"generateContentRequest":{"model":"models/gemini-2.5-flash","contents":[{"parts":[{"text":"x"}]}],
             "systemInstruction":{"parts":[{"text":"sys"}]},"tools":[{"functionDeclarations":[{"name":"f"}]}],
             "generationConfig":{"maxOutputTokens":5},"safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"OFF"}]}}
            """), out var request, out var error), error?.Message);

        var envelope = GeminiTranslator.CountTokensToUpstream(request, CreateContext(Flash25));
        var json = JsonSerializer.SerializeToNode(envelope, UpstreamJsonContext.Default.CountTokensEnvelope)!.AsObject();

        Assert.Equal(["request"], json.Select(p => p.Key));
        Assert.Equal(
            ["contents", "systemInstruction", "tools"],
            json["request"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void TryParseCountTokens_ContentsShape_Accepted()
    {
        Assert.True(GeminiTranslator.TryParseCountTokens(Encoding.UTF8.GetBytes("""{"contents":[{"parts":[{"text":"x"}]}]}"""), out var request, out _));

        Assert.Single(GeminiTranslator.CountTokensToUpstream(request, CreateContext(Flash25)).Request.Contents);
    }

    [Fact]
    public void TryParseCountTokens_NoContents_Returns400()
    {
        Assert.False(GeminiTranslator.TryParseCountTokens(Encoding.UTF8.GetBytes("""{"generateContentRequest":{}}"""), out _, out var error));
        Assert.Contains("generateContentRequest.contents", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountTokensFromUpstream_TotalTokens_Serialized()
    {
        var json = GeminiTranslator.ToJson(GeminiTranslator.CountTokensFromUpstream(new CountTokensResponse { TotalTokens = 42 }));

        Assert.Equal("""{"totalTokens":42}""", json);
    }

    [Fact]
    public async Task FromUpstreamStreamAsync_EventWithoutResponse_Skipped()
    {
        var items = new List<SseItem<string>>();
        await foreach (var item in GeminiTranslator.FromUpstreamStreamAsync(
            GoldenFiles.AsAsync([new UpstreamResponseEnvelope(), Reply(new Part { Text = "hi" })]),
            CreateContext(Flash25),
            TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        var only = Assert.Single(items);
        Assert.Equal("gemini-2.5-flash", (string)JsonNode.Parse(only.Data)!["modelVersion"]!);
    }

    [Fact]
    public void FromUpstream_UnknownCandidateFields_PassedThrough()
    {
        var envelope = JsonSerializer.Deserialize("""
            {"response":{"candidates":[{"content":{"role":"model","parts":[{"text":"x"}]},"finishReason":"STOP",
              "safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"}]}],
              "usageMetadata":{"promptTokenCount":1,"promptTokensDetails":[{"modality":"TEXT","tokenCount":1}]}}}
            """, UpstreamJsonContext.Default.UpstreamResponseEnvelope)!;

        var json = JsonNode.Parse(GeminiTranslator.ToJson(GeminiTranslator.FromUpstream(envelope, CreateContext(Flash25))))!;

        Assert.Equal("NEGLIGIBLE", (string)json["candidates"]![0]!["safetyRatings"]![0]!["probability"]!);
        Assert.Equal(1, (int)json["usageMetadata"]!["promptTokensDetails"]![0]!["tokenCount"]!);
    }

    [Fact]
    public void ToStreamEvent_Error_IsGoogleEnvelope()
    {
        var item = GeminiErrors.ToStreamEvent(GeminiErrors.ForStatus(500, "boom"));

        var error = JsonNode.Parse(item.Data)!["error"]!;
        Assert.Equal(500, (int)error["code"]!);
        Assert.Equal("INTERNAL", (string)error["status"]!);
        Assert.Equal("boom", (string)error["message"]!);
    }

    [Fact]
    public void FromUpstream_NonJsonErrorBody_KeepsStatusWithGenericMessage()
    {
        var error = GeminiErrors.FromUpstream(502, "<html>bad gateway</html>");

        Assert.Equal(502, error.Code);
        Assert.Equal("INTERNAL", error.Status);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
    }

    private static UpstreamResponseEnvelope Reply(params Part[] parts) => new()
    {
        Response = new GenerateContentResponse
        {
            Candidates = [new Candidate { Content = new Content { Role = "model", Parts = [.. parts] }, FinishReason = "STOP" }],
        },
    };
}
