using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols.OpenAI;

public sealed class OpenAITranslatorTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static OpenAIError ParseError(string json)
    {
        Assert.False(OpenAITranslator.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error));
        Assert.Null(request);
        Assert.Equal(400, error.Status);
        Assert.Equal(OpenAIErrors.InvalidRequest, error.Type);
        return error;
    }

    private static ChatCompletionRequest Parse(string json)
    {
        Assert.True(OpenAITranslator.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error), error?.Message);
        return request;
    }

    private static TranslationContext CreateContext(ModelRoute route, ThinkingMemory? memory = null) =>
        new(route, "proj", "req", memory ?? new ThinkingMemory());

    private static readonly ModelRoute Gemini3Flash = new("gemini-3-flash", "gemini-3-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true, Gemini3: true);

    [Fact]
    public void TryParse_NIsTwo_Returns400NamingN()
    {
        var error = ParseError("""{"model":"m","n":2,"messages":[{"role":"user","content":"hi"}]}""");
        Assert.Equal("n", error.Param);
    }

    [Fact]
    public void TryParse_NIsOne_Accepted()
    {
        Assert.Equal(1, Parse("""{"model":"m","n":1,"messages":[{"role":"user","content":"hi"}]}""").N);
    }

    [Fact]
    public void TryParse_MalformedToolArguments_Returns400NamingMessageIndex()
    {
        var error = ParseError("""
            {"model":"m","messages":[
              {"role":"user","content":"hi"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":"}}]}]}
            """);
        Assert.Equal("messages[1].tool_calls[0].function.arguments", error.Param);
        Assert.Contains("messages[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ToolArgumentsNotAnObject_Returns400()
    {
        var error = ParseError("""
            {"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"[1,2]"}}]}]}
            """);
        Assert.Equal("messages[0].tool_calls[0].function.arguments", error.Param);
    }

    [Fact]
    public void TryParse_EmptyMessages_Returns400NamingMessages()
    {
        Assert.Equal("messages", ParseError("""{"model":"m","messages":[]}""").Param);
        Assert.Equal("messages", ParseError("""{"model":"m"}""").Param);
    }

    [Fact]
    public void TryParse_MissingModel_Returns400NamingModel()
    {
        Assert.Equal("model", ParseError("""{"messages":[{"role":"user","content":"hi"}]}""").Param);
        Assert.Equal("model", ParseError("""{"model":" ","messages":[{"role":"user","content":"hi"}]}""").Param);
    }

    [Theory]
    [InlineData("""{"model":5,"messages":[{"role":"user","content":"hi"}]}""", "model")]
    [InlineData("""{"model":"m","messages":{"role":"user"}}""", "messages")]
    [InlineData("""{"model":"m","temperature":"hot","messages":[{"role":"user","content":"hi"}]}""", "temperature")]
    [InlineData("""{"model":"m","stream":"yes","messages":[{"role":"user","content":"hi"}]}""", "stream")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":5}]}""", "messages[0].content")]
    [InlineData("""{"model":"m","messages":[{"role":"wizard","content":"hi"}]}""", "messages[0].role")]
    [InlineData("""{"model":"m","stop":5,"messages":[{"role":"user","content":"hi"}]}""", "stop")]
    [InlineData("""{"model":"m","reasoning_effort":"extreme","messages":[{"role":"user","content":"hi"}]}""", "reasoning_effort")]
    [InlineData("""{"model":"m","response_format":{"type":"xml"},"messages":[{"role":"user","content":"hi"}]}""", "response_format.type")]
    [InlineData("""{"model":"m","response_format":{"type":"json_schema","json_schema":{"name":"x"}},"messages":[{"role":"user","content":"hi"}]}""", "response_format.json_schema.schema")]
    [InlineData("""{"model":"m","tools":[{"type":"function","function":{}}],"messages":[{"role":"user","content":"hi"}]}""", "tools[0].function.name")]
    [InlineData("""{"model":"m","tool_choice":"sometimes","messages":[{"role":"user","content":"hi"}]}""", "tool_choice")]
    [InlineData("""{"model":"m","tools":[{"type":"function","function":{"name":"a"}}],"tool_choice":{"type":"function","function":{"name":"b"}},"messages":[{"role":"user","content":"hi"}]}""", "tool_choice.function.name")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"file:///etc/passwd"}}]}]}""", "messages[0].content[0].image_url.url")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]}""", "messages[0].content[0].type")]
    [InlineData("""{"model":"m","messages":[{"role":"tool","tool_call_id":"nope","content":"x"}]}""", "messages[0].tool_call_id")]
    [InlineData("""{"model":"m","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}""", "messages[0].content[0].type")]
    public void TryParse_WrongShape_Returns400NamingField(string json, string param)
    {
        Assert.Equal(param, ParseError(json).Param);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public void TryParse_NotAnObject_Returns400(string json)
    {
        ParseError(json);
    }

    [Fact]
    public void TryParse_UnknownFields_AreIgnored()
    {
        var request = Parse("""
            {"model":"m","messages":[{"role":"user","content":"hi","cache_control":{"type":"ephemeral"}}],
             "logprobs":true,"store":false,"modalities":["text"],"brand_new_field":{"x":1}}
            """);
        Assert.True(request.Extra!.ContainsKey("brand_new_field"));
    }

    [Fact]
    public void ToUpstream_ArgumentsGivenAsObject_Accepted()
    {
        var request = Parse("""
            {"model":"m","messages":[{"role":"user","content":"hi"},
              {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":{"a":1}}}]},
              {"role":"tool","tool_call_id":"c1","content":"ok"}]}
            """);
        var envelope = OpenAITranslator.ToUpstream(request, CreateContext(Gemini3Flash));
        Assert.Equal(1, (int)envelope.Request.Contents[1].Parts[0].FunctionCall!.Args!["a"]!);
        Assert.Equal("f", envelope.Request.Contents[2].Parts[0].FunctionResponse!.Name);
    }

    [Fact]
    public void ToUpstream_ArgumentsText_SentAsTheObjectValidationRead()
    {
        var request = Parse("""
            {"model":"m","messages":[{"role":"user","content":"hi"},
              {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"path\":\"a.txt\",\"n\":2}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"ok"}]}
            """);

        var first = OpenAITranslator.ToUpstream(request, CreateContext(Gemini3Flash));
        var second = OpenAITranslator.ToUpstream(request, CreateContext(Gemini3Flash));

        var args = first.Request.Contents[1].Parts[0].FunctionCall!.Args!;
        Assert.Equal("a.txt", (string)args["path"]!);
        Assert.Equal(2, (int)args["n"]!);
        Assert.Equal(
            JsonSerializer.Serialize(first, UpstreamJsonContext.Default.UpstreamEnvelope),
            JsonSerializer.Serialize(second, UpstreamJsonContext.Default.UpstreamEnvelope));
    }

    [Fact]
    public void ToUpstream_GeminiSignatureFromPreviousReply_IsSentBackOnFirstCall()
    {
        var memory = new ThinkingMemory();
        var ctx = CreateContext(Gemini3Flash, memory);
        var reply = new UpstreamResponseEnvelope
        {
            Response = new GenerateContentResponse
            {
                Candidates =
                [
                    new Candidate
                    {
                        Content = new Content
                        {
                            Role = "model",
                            Parts =
                            [
                                new Part { FunctionCall = new FunctionCall { Name = "f", Args = new JsonObject() }, ThoughtSignature = "sig-gemini-real" },
                                new Part { FunctionCall = new FunctionCall { Name = "g", Args = new JsonObject() } },
                            ],
                        },
                        FinishReason = "STOP",
                    },
                ],
            },
        };
        var completion = OpenAITranslator.FromUpstream(reply, ctx, Created);
        var calls = completion.Choices[0].Message.ToolCalls!;

        var next = Parse($$$"""
            {"model":"gemini-3-flash","messages":[{"role":"user","content":"go"},
              {"role":"assistant","tool_calls":[
                {"id":"{{{calls[0].Id}}}","type":"function","function":{"name":"f","arguments":"{}"}},
                {"id":"{{{calls[1].Id}}}","type":"function","function":{"name":"g","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"{{{calls[0].Id}}}","content":"1"},
              {"role":"tool","tool_call_id":"{{{calls[1].Id}}}","content":"2"}]}
            """);
        var model = OpenAITranslator.ToUpstream(next, ctx).Request.Contents[1];

        Assert.Equal("sig-gemini-real", model.Parts[0].ThoughtSignature);
        Assert.Null(model.Parts[1].ThoughtSignature);
        Assert.Null(model.Parts[0].FunctionCall!.Id);
    }

    [Fact]
    public void ToUpstream_ClaudeThinkingNoHistory_UsesDefaultBudgetAboveMaxTokens()
    {
        var route = new ModelRoute("opus", "claude-opus-4-6-thinking", ModelFamily.Claude, "claude", Thinking: true);
        var request = Parse("""{"model":"opus","max_tokens":2000,"messages":[{"role":"user","content":"hi"}]}""");

        var config = OpenAITranslator.ToUpstream(request, CreateContext(route)).Request.GenerationConfig!;

        Assert.Equal(ThinkingRules.ClaudeDefaultBudget, config.ThinkingConfig!.ThinkingBudget);
        Assert.Equal(ThinkingRules.ClaudeDefaultBudget + 2000, config.MaxOutputTokens);
    }

    [Fact]
    public void ToUpstream_ReasoningEffortNone_ClaudeThinkingOff()
    {
        var route = new ModelRoute("opus", "claude-opus-4-6-thinking", ModelFamily.Claude, "claude", Thinking: true);
        var request = Parse("""{"model":"opus","reasoning_effort":"none","max_tokens":300,"messages":[{"role":"user","content":"hi"}]}""");

        var config = OpenAITranslator.ToUpstream(request, CreateContext(route)).Request.GenerationConfig!;

        Assert.Null(config.ThinkingConfig);
        Assert.Equal(300, config.MaxOutputTokens);
    }

    [Fact]
    public void ToUpstream_ImageRoute_DropsToolsAndThinkingAndAsksForImages()
    {
        var route = new ModelRoute("img", "gemini-3-pro-image", ModelFamily.Gemini, "image", Thinking: false, ImageGeneration: true);
        var request = Parse("""
            {"model":"img","reasoning_effort":"high","messages":[{"role":"user","content":"a cat"}],
             "tools":[{"type":"function","function":{"name":"f"}}]}
            """);

        var envelope = OpenAITranslator.ToUpstream(request, CreateContext(route));

        Assert.Equal("image_gen", envelope.RequestType);
        Assert.Null(envelope.Request.Tools);
        Assert.Null(envelope.Request.ToolConfig);
        Assert.Null(envelope.Request.GenerationConfig!.ThinkingConfig);
        Assert.Equal(["TEXT", "IMAGE"], envelope.Request.GenerationConfig.ResponseModalities!);
    }

    [Fact]
    public void ToUpstream_ToolChoiceNamedFunction_AnyWithAllowedName()
    {
        var request = Parse("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "tools":[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b"}}],
             "tool_choice":{"type":"function","function":{"name":"b"}}}
            """);

        var config = OpenAITranslator.ToUpstream(request, CreateContext(Gemini3Flash)).Request.ToolConfig!.FunctionCallingConfig!;

        Assert.Equal("ANY", config.Mode);
        Assert.Equal(["b"], config.AllowedFunctionNames!);
    }

    [Fact]
    public void ToUpstream_ToolChoiceNone_ModeNone()
    {
        var request = Parse("""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"a"}}],"tool_choice":"none"}""");

        Assert.Equal("NONE", OpenAITranslator.ToUpstream(request, CreateContext(Gemini3Flash)).Request.ToolConfig!.FunctionCallingConfig!.Mode);
    }

    [Fact]
    public void FromUpstream_InlineImage_BecomesMarkdownDataUrl()
    {
        var reply = new UpstreamResponseEnvelope
        {
            Response = new GenerateContentResponse
            {
                Candidates = [new Candidate { Content = new Content { Parts = [new Part { InlineData = new Blob { MimeType = "image/png", Data = "AAAA" } }] }, FinishReason = "STOP" }],
            },
        };

        var completion = OpenAITranslator.FromUpstream(reply, CreateContext(Gemini3Flash), Created);

        Assert.Equal("![image](data:image/png;base64,AAAA)", completion.Choices[0].Message.Content);
    }

    [Fact]
    public void FromUpstream_SafetyFinish_ContentFilter()
    {
        var reply = new UpstreamResponseEnvelope
        {
            Response = new GenerateContentResponse { Candidates = [new Candidate { Content = new Content { Parts = [] }, FinishReason = "SAFETY" }] },
        };

        Assert.Equal("content_filter", OpenAITranslator.FromUpstream(reply, CreateContext(Gemini3Flash), Created).Choices[0].FinishReason);
    }

    [Fact]
    public async Task FromUpstreamStreamAsync_UpstreamFailsMidStream_ExceptionPropagatesAndNoDone()
    {
        var request = Parse("""{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        var items = new List<SseItem<string>>();

        await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var item in OpenAITranslator.FromUpstreamStreamAsync(Failing(), request, CreateContext(Gemini3Flash), Created, TestContext.Current.CancellationToken))
            {
                items.Add(item);
            }
        });

        Assert.Equal(2, items.Count);
        Assert.DoesNotContain(items, i => i.Data == "[DONE]");
    }

    [Fact]
    public void ToStreamEvent_Error_IsDataEventWithErrorEnvelope()
    {
        var item = OpenAIErrors.ToStreamEvent(OpenAIErrors.FromUpstream(503, """{"error":{"code":503,"message":"No capacity available","status":"UNAVAILABLE"}}"""));

        var error = JsonNode.Parse(item.Data)!["error"]!;
        Assert.Equal(SseParser.EventTypeDefault, item.EventType);
        Assert.Equal("No capacity available", (string)error["message"]!);
        Assert.Equal("server_error", (string)error["type"]!);
    }

    [Theory]
    [InlineData(401, "authentication_error")]
    [InlineData(403, "permission_error")]
    [InlineData(404, "not_found_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "server_error")]
    [InlineData(400, "invalid_request_error")]
    public void FromUpstream_Status_MapsToType(int status, string type)
    {
        var error = OpenAIErrors.FromUpstream(status, """{"error":{"code":1,"message":"m"}}""");

        Assert.Equal(status, error.Status);
        Assert.Equal(type, error.Type);
    }

    [Fact]
    public void FromUpstream_Status529_Becomes503()
    {
        Assert.Equal(503, OpenAIErrors.FromUpstream(529, "").Status);
    }

    private static async IAsyncEnumerable<UpstreamResponseEnvelope> Failing()
    {
        await Task.Yield();
        yield return new UpstreamResponseEnvelope
        {
            Response = new GenerateContentResponse { Candidates = [new Candidate { Content = new Content { Parts = [new Part { Text = "Hel" }] } }] },
        };
        throw new IOException("connection reset");
    }
}
