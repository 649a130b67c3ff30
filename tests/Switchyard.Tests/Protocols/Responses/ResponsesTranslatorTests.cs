using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.Responses;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols.Responses;

public sealed class ResponsesTranslatorTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly ModelRoute Opus = new("claude-opus-4-6", "claude-opus-4-6-thinking", ModelFamily.Claude, "claude", Thinking: true);
    private static readonly ModelRoute Flash3 = new("gemini-3-flash", "gemini-3-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true, Gemini3: true);
    private static readonly ModelRoute Flash25 = new("gemini-2.5-flash", "gemini-2.5-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true);
    private static readonly string ClaudeSignature = "EqQB" + new string('s', 60);

    private static ResponsesRequest Parse(string json)
    {
        Assert.True(ResponsesTranslator.TryParse(Encoding.UTF8.GetBytes(json), ResponsesGolden.Options, out var request, out var error), error?.Message);
        return request;
    }

    private static TranslationContext CreateContext(ModelRoute route, ThinkingMemory? memory = null) => new(route, "proj", "req", memory ?? new ThinkingMemory());

    private static string Sealed(SealedReasoning reasoning) => ResponsesGolden.Sealer.Seal(reasoning);

    private static GenerateContentResponse Reply(params Part[] parts) => new()
    {
        Candidates = [new Candidate { Content = new Content { Role = "model", Parts = [.. parts] }, FinishReason = "STOP" }],
        UsageMetadata = new UsageMetadata { PromptTokenCount = 10, CandidatesTokenCount = 5, ThoughtsTokenCount = 2, TotalTokenCount = 17 },
    };

    private const string ToolLoop = """
        {"role":"user","content":"read a"},
        {"type":"function_call","call_id":"toolu_1","name":"read_file","arguments":"{\"path\":\"a\"}"},
        {"type":"function_call_output","call_id":"toolu_1","output":"A"}
        """;

    private const string ReadFileTool = """{"type":"function","name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}""";

    [Fact]
    public void ToUpstream_ClaudeLoopWithoutSignedThinking_TurnsThinkingOff()
    {
        var request = Parse($$$"""{"model":"m","input":[{{{ToolLoop}}}],"tools":[{{{ReadFileTool}}}],"reasoning":{"effort":"high"}}""");

        var upstream = ResponsesTranslator.ToUpstream(request, CreateContext(Opus));

        Assert.Null(upstream.Request.GenerationConfig?.ThinkingConfig);
        Assert.DoesNotContain(upstream.Request.Contents.SelectMany(c => c.Parts), p => p.Thought == true);
    }

    [Fact]
    public void ToUpstream_NoEncryptedContentButRemembered_RestoresThinkingFromMemory()
    {
        var memory = new ThinkingMemory();
        memory.Remember("toolu_1", new SignedThinking("Read it.", ClaudeSignature, ModelFamily.Claude));
        var request = Parse($$"""{"model":"m","input":[{{ToolLoop}}],"tools":[{{ReadFileTool}}]}""");

        var upstream = ResponsesTranslator.ToUpstream(request, CreateContext(Opus, memory));

        var model = upstream.Request.Contents.Single(c => c.Role == "model");
        Assert.Equal(new Part { Thought = true, Text = "Read it.", ThoughtSignature = ClaudeSignature }, model.Parts[0]);
        Assert.NotNull(upstream.Request.GenerationConfig?.ThinkingConfig);
    }

    [Fact]
    public void ToUpstream_ClaudeThinkingBeforeTheOpenLoop_Dropped()
    {
        var old = Sealed(new SealedReasoning(SealedReasoning.Claude, ClaudeSignature, "Old turn."));
        var request = Parse($$"""
            {"model":"m","input":[{"role":"user","content":"hi"},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"{{old}}"},
              {"role":"assistant","content":[{"type":"output_text","text":"Hello."}]},
              {"role":"user","content":"bye"}]}
            """);

        var upstream = ResponsesTranslator.ToUpstream(request, CreateContext(Opus));

        Assert.DoesNotContain(upstream.Request.Contents.SelectMany(c => c.Parts), p => p.Thought == true);
        Assert.Equal(["user", "model", "user"], upstream.Request.Contents.Select(c => c.Role));
    }

    [Fact]
    public void ToUpstream_ClaudeSealedThinkingOnGemini3Route_NotSentAndSentinelOnCall()
    {
        var claude = Sealed(new SealedReasoning(SealedReasoning.Claude, ClaudeSignature, "Claude thought."));
        var request = Parse($$"""
            {"model":"m","input":[{"role":"user","content":"read a"},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"{{claude}}"},
              {"type":"function_call","call_id":"toolu_1","name":"read_file","arguments":"{}"},
              {"type":"function_call_output","call_id":"toolu_1","output":"A"}],"tools":[{{ReadFileTool}}]}
            """);

        var upstream = ResponsesTranslator.ToUpstream(request, CreateContext(Flash3));

        var model = upstream.Request.Contents.Single(c => c.Role == "model");
        var call = Assert.Single(model.Parts);
        Assert.Equal(ThinkingRules.SkipSignatureSentinel, call.ThoughtSignature);
        Assert.Null(call.FunctionCall!.Id);
    }

    [Fact]
    public void ToUpstream_GeminiSealedSignature_GoesOnTheCallItNames()
    {
        var seal = Sealed(new SealedReasoning(SealedReasoning.Gemini, "CiQBreal", CallId: "call_b"));
        var request = Parse($$"""
            {"model":"m","input":[{"role":"user","content":"two"},
              {"type":"function_call","call_id":"call_a","name":"read_file","arguments":"{}"},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"{{seal}}"},
              {"type":"function_call","call_id":"call_b","name":"read_file","arguments":"{}"},
              {"type":"function_call_output","call_id":"call_a","output":"A"},
              {"type":"function_call_output","call_id":"call_b","output":"B"}],"tools":[{{ReadFileTool}}]}
            """);

        var upstream = ResponsesTranslator.ToUpstream(request, CreateContext(Flash25));

        var parts = upstream.Request.Contents.Single(c => c.Role == "model").Parts;
        Assert.Equal([null, "CiQBreal"], parts.Select(p => p.ThoughtSignature));
    }

    [Fact]
    public void ToUpstream_NamespacedAndCustomCallsInHistory_UseTheDeclaredUpstreamNames()
    {
        var request = Parse("""
            {"model":"m","input":[{"role":"user","content":"go"},
              {"type":"function_call","call_id":"c1","name":"spawn_agent","namespace":"multi_agent_v1","arguments":"{\"task\":\"t\"}"},
              {"type":"custom_tool_call","call_id":"c2","name":"apply_patch","input":"*** Begin Patch"},
              {"type":"function_call_output","call_id":"c1","output":"spawned"},
              {"type":"custom_tool_call_output","call_id":"c2","output":[{"type":"input_text","text":"ok\n"},{"type":"input_text","text":"done\n"}]}],
             "tools":[{"type":"namespace","name":"multi_agent_v1","tools":[{"type":"function","name":"spawn_agent"}]},{"type":"custom","name":"apply_patch"}]}
            """);

        var upstream = ResponsesTranslator.ToUpstream(request, CreateContext(Flash25));

        var calls = upstream.Request.Contents[1].Parts.Select(p => p.FunctionCall!).ToList();
        Assert.Equal(["multi_agent_v1__spawn_agent", "apply_patch"], calls.Select(c => c.Name));
        Assert.Equal("*** Begin Patch", (string?)calls[1].Args!["input"]);
        var responses = upstream.Request.Contents[2].Parts.Select(p => p.FunctionResponse!).ToList();
        Assert.Equal(["multi_agent_v1__spawn_agent", "apply_patch"], responses.Select(r => r.Name));
        Assert.Equal("ok\ndone\n", (string?)responses[1].Response!["content"]);
    }

    [Theory]
    [InlineData("""{"type":"allowed_tools","mode":"required","tools":[{"type":"function","name":"read_file"}]}""", "ANY", "read_file")]
    [InlineData("""{"type":"allowed_tools","mode":"auto","tools":[{"type":"custom","name":"apply_patch"}]}""", "AUTO", "apply_patch")]
    [InlineData("""{"type":"custom","name":"apply_patch"}""", "ANY", "apply_patch")]
    [InlineData("""{"type":"web_search"}""", "ANY", "web_search")]
    [InlineData("\"none\"", "NONE", null)]
    public void ToUpstream_ToolChoice_MapsToFunctionCallingConfig(string choice, string mode, string? allowed)
    {
        var request = Parse($$"""
            {"model":"m","input":"hi","tool_choice":{{choice}},
             "tools":[{{ReadFileTool}},{"type":"custom","name":"apply_patch"},{"type":"web_search"}]}
            """);

        var config = ResponsesTranslator.ToUpstream(request, CreateContext(Flash25)).Request.ToolConfig!.FunctionCallingConfig!;

        Assert.Equal(mode, config.Mode);
        Assert.Equal(allowed is null ? null : [allowed], config.AllowedFunctionNames);
    }

    [Fact]
    public void ToUpstream_WebSearchAloneWithToolChoiceNone_NoTools()
    {
        var request = Parse("""{"model":"m","input":"hi","tools":[{"type":"web_search_preview"}],"tool_choice":"none"}""");

        var upstream = ResponsesTranslator.ToUpstream(request, CreateContext(Flash25));

        Assert.Null(upstream.Request.Tools);
        Assert.Equal("agent", upstream.RequestType);
    }

    [Fact]
    public void FromUpstream_NamespacedAndCustomCalls_ComeBackUnderClientNames()
    {
        var request = Parse("""
            {"model":"m","input":"go","tools":[{"type":"namespace","name":"multi_agent_v1","tools":[{"type":"function","name":"spawn_agent"}]},
              {"type":"custom","name":"apply_patch"}]}
            """);

        var reply = ResponsesTranslator.FromUpstream(
            new UpstreamResponseEnvelope
            {
                Response = Reply(
                    new Part { FunctionCall = new FunctionCall { Name = "multi_agent_v1__spawn_agent", Args = new JsonObject { ["task"] = "t" } } },
                    new Part { FunctionCall = new FunctionCall { Name = "apply_patch", Args = new JsonObject { ["input"] = "*** Begin" } } }),
            },
            request, CreateContext(Flash25), ResponsesGolden.Options, Created);

        Assert.Equal(("function_call", "spawn_agent", "multi_agent_v1"), (reply.Output[0].Type, reply.Output[0].Name, reply.Output[0].Namespace));
        Assert.Equal("{\"task\":\"t\"}", reply.Output[0].Arguments);
        Assert.Equal(("custom_tool_call", "apply_patch", "*** Begin"), (reply.Output[1].Type, reply.Output[1].Name, reply.Output[1].Input));
        Assert.StartsWith("call_", reply.Output[0].CallId, StringComparison.Ordinal);
        Assert.NotEqual(reply.Output[0].CallId, reply.Output[1].CallId);
    }

    [Fact]
    public void FromUpstream_SplitSearchCall_WebSearchCallItemAndPendingSearch()
    {
        var request = Parse($$"""{"model":"m","input":"news?","tools":[{{ReadFileTool}},{"type":"web_search"}]}""");
        var stream = new ResponsesStream(request, CreateContext(Flash25), ResponsesGolden.Options, Created);
        _ = stream.Start().ToList();

        var events = stream.Consume(Reply(new Part { FunctionCall = new FunctionCall { Name = "web_search", Args = new JsonObject { ["query"] = "oslo news" } } }));

        var search = Assert.Single(stream.PendingSearches);
        Assert.Equal("oslo news", search.Query);
        Assert.Equal(
            ["response.output_item.added", "response.web_search_call.in_progress", "response.web_search_call.searching", "response.web_search_call.completed", "response.output_item.done"],
            events.Select(e => e.Type));
        Assert.Equal("oslo news", (string?)events[^1].Item!.Action!["query"]);
    }

    [Fact]
    public void FromUpstream_ClaudeThinkingWithoutIncludeOrSummary_NoEncryptedContentButRemembered()
    {
        var request = Parse($$"""{"model":"m","input":"read a","tools":[{{ReadFileTool}}]}""");
        var memory = new ThinkingMemory();

        var reply = ResponsesTranslator.FromUpstream(
            new UpstreamResponseEnvelope
            {
                Response = Reply(
                    new Part { Thought = true, Text = "Plan.", ThoughtSignature = ClaudeSignature },
                    new Part { FunctionCall = new FunctionCall { Name = "read_file", Args = new JsonObject(), Id = "toolu_9" } }),
            },
            request, CreateContext(Opus, memory), ResponsesGolden.Options, Created);

        var reasoning = reply.Output[0];
        Assert.Equal("reasoning", reasoning.Type);
        Assert.Empty(reasoning.Summary!);
        Assert.Null(reasoning.EncryptedContent);
        Assert.Equal(new SignedThinking("Plan.", ClaudeSignature, ModelFamily.Claude), memory.Find("toolu_9"));
    }

    [Fact]
    public void FromUpstream_EncryptedWithoutSummary_SealCarriesTheThinkingText()
    {
        var request = Parse("""{"model":"m","input":"hi","include":["reasoning.encrypted_content"]}""");

        var reply = ResponsesTranslator.FromUpstream(
            new UpstreamResponseEnvelope { Response = Reply(new Part { Thought = true, Text = "Hidden plan.", ThoughtSignature = ClaudeSignature }, new Part { Text = "Hi" }) },
            request, CreateContext(Opus), ResponsesGolden.Options, Created);

        Assert.Empty(reply.Output[0].Summary!);
        Assert.Equal(SealState.Opened, ResponsesGolden.Sealer.Open(reply.Output[0].EncryptedContent, out var opened));
        Assert.Equal(new SealedReasoning(SealedReasoning.Claude, ClaudeSignature, "Hidden plan."), opened);
    }

    [Fact]
    public void Stream_AnyReply_SequenceNumbersCountUpAndEveryAddedItemIsDone()
    {
        var request = Parse($$"""{"model":"m","input":"hi","tools":[{{ReadFileTool}}],"reasoning":{"summary":"auto"},"include":["reasoning.encrypted_content"]}""");
        var stream = new ResponsesStream(request, CreateContext(Opus), ResponsesGolden.Options, Created);

        var events = stream.Start()
            .Concat(stream.Consume(Reply(
                new Part { Thought = true, Text = "a" },
                new Part { Thought = true, Text = "b", ThoughtSignature = ClaudeSignature },
                new Part { Text = "Let me look." },
                new Part { FunctionCall = new FunctionCall { Name = "read_file", Args = new JsonObject(), Id = "toolu_1" } },
                new Part { InlineData = new Blob { MimeType = "image/png", Data = "AAAA" } })))
            .Concat(stream.Finish())
            .ToList();

        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.SequenceNumber));
        Assert.Equal("response.completed", events[^1].Type);
        var added = events.Where(e => e.Type == "response.output_item.added").Select(e => e.OutputIndex).ToList();
        var done = events.Where(e => e.Type == "response.output_item.done").Select(e => e.OutputIndex).ToList();
        Assert.Equal([0, 1, 2, 3], added);
        Assert.Equal(added, done);
        Assert.Equal(["reasoning", "message", "function_call", "image_generation_call"], stream.Final!.Output.Select(o => o.Type));
    }

    [Fact]
    public void Fail_AfterSomeEvents_ResponseFailedNumberedNextWithOutputSoFar()
    {
        var request = Parse("""{"model":"m","input":"hi"}""");
        var stream = new ResponsesStream(request, CreateContext(Flash25), ResponsesGolden.Options, Created);
        var events = stream.Start().Concat(stream.Consume(Reply(new Part { Text = "partial" }))).ToList();

        var failed = stream.Fail(ResponsesErrors.ForStatus(503, "The upstream stream broke."));

        Assert.Equal("response.failed", failed.EventType);
        var json = JsonNode.Parse(failed.Data)!;
        Assert.Equal(events.Count, (int)json["sequence_number"]!);
        Assert.Equal("failed", (string?)json["response"]!["status"]);
        Assert.Equal("server_error", (string?)json["response"]!["error"]!["code"]);
        Assert.Equal("The upstream stream broke.", (string?)json["response"]!["error"]!["message"]);
        Assert.Equal(stream.Id, (string?)json["response"]!["id"]);
        Assert.Single(json["response"]!["output"]!.AsArray());
    }

    [Fact]
    public void ToJson_Reply_WritesNullFieldsTheSdksRead()
    {
        var request = Parse("""{"model":"m","input":"hi"}""");
        var reply = ResponsesTranslator.FromUpstream(new UpstreamResponseEnvelope { Response = Reply(new Part { Text = "Hi" }) }, request, CreateContext(Flash25), ResponsesGolden.Options, Created);

        var json = JsonNode.Parse(ResponsesTranslator.ToJson(reply))!.AsObject();

        foreach (var key in (string[])["error", "incomplete_details", "instructions", "max_output_tokens", "previous_response_id", "reasoning", "user"])
        {
            Assert.True(json.ContainsKey(key), key);
        }

        Assert.Equal(JsonValueKind.Object, json["metadata"]!.GetValueKind());
        Assert.Equal(17, (int)json["usage"]!["total_tokens"]!);
        Assert.Equal(7, (int)json["usage"]!["output_tokens"]!);
        Assert.Equal(2, (int)json["usage"]!["output_tokens_details"]!["reasoning_tokens"]!);
    }
}
