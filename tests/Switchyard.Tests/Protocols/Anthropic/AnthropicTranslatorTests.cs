using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;
using static Switchyard.Tests.Protocols.Anthropic.AnthropicTestData;

namespace Switchyard.Tests.Protocols.Anthropic;

public sealed class AnthropicTranslatorTests
{
    private static string ToolLoop(string firstAssistantBlock) => $$$"""
        {"model":"claude-opus-4-6","max_tokens":4000,"thinking":{"type":"enabled","budget_tokens":2048},
         "tools":[{"name":"Bash","input_schema":{"type":"object"}}],
         "messages":[
          {"role":"user","content":"go"},
          {"role":"assistant","content":[{{{firstAssistantBlock}}}{"type":"tool_use","id":"toolu_a","name":"Bash","input":{"command":"ls"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_a","content":"ok"}]}]}
        """;

    private static List<Part> ModelParts(UpstreamEnvelope envelope) =>
        envelope.Request.Contents.Single(c => c.Role == "model").Parts;

    [Fact]
    public void ToUpstream_ToolLoopWithoutAnyKnownThinking_ThinkingStaysOnAndTurnGoesWithoutIt()
    {
        var envelope = AnthropicTranslator.ToUpstream(Request(ToolLoop("")), Context(OpusThinking));

        Assert.Equal(2048, envelope.Request.GenerationConfig!.ThinkingConfig!.ThinkingBudget);
        Assert.DoesNotContain(envelope.Request.Contents.SelectMany(c => c.Parts), p => p.Thought == true);
    }

    [Fact]
    public void ToUpstream_ToolLoopWithShortClientSignature_BlockDroppedThinkingStaysOn()
    {
        var block = """{"type":"thinking","thinking":"hmm","signature":"too-short-to-be-real"},""";
        var envelope = AnthropicTranslator.ToUpstream(Request(ToolLoop(block)), Context(OpusThinking));

        Assert.NotNull(envelope.Request.GenerationConfig!.ThinkingConfig);
        Assert.DoesNotContain(ModelParts(envelope), p => p.Thought == true);
    }

    [Fact]
    public void ToUpstream_ToolLoopWithRealClientSignature_KeepsItFirst()
    {
        var block = $$$"""{"type":"thinking","thinking":"hmm","signature":"{{{Signature}}}"},""";
        var envelope = AnthropicTranslator.ToUpstream(Request(ToolLoop(block)), Context(OpusThinking));

        var first = ModelParts(envelope)[0];
        Assert.Equal((true, "hmm", Signature), (first.Thought, first.Text, first.ThoughtSignature));
        Assert.Equal(2048, envelope.Request.GenerationConfig!.ThinkingConfig!.ThinkingBudget);
    }

    [Fact]
    public void ToUpstream_ClientStrippedThinking_RestoredFromMemoryByToolUseId()
    {
        var memory = new ThinkingMemory();
        memory.Remember("toolu_a", new SignedThinking("remembered", Signature, ModelFamily.Claude));

        var envelope = AnthropicTranslator.ToUpstream(Request(ToolLoop("")), Context(OpusThinking, memory));

        var first = ModelParts(envelope)[0];
        Assert.Equal((true, "remembered", Signature), (first.Thought, first.Text, first.ThoughtSignature));
        Assert.NotNull(envelope.Request.GenerationConfig!.ThinkingConfig);
    }

    [Fact]
    public void ToUpstream_MemoryFromGeminiFamily_NotUsedForClaude()
    {
        var memory = new ThinkingMemory();
        memory.Remember("toolu_a", new SignedThinking("gemini", Signature, ModelFamily.Gemini));

        var envelope = AnthropicTranslator.ToUpstream(Request(ToolLoop("")), Context(OpusThinking, memory));

        Assert.DoesNotContain(ModelParts(envelope), p => p.Thought == true);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void ToUpstream_SignedThinkingInEarlierTurnOnNonThinkingModel_DroppedUnlessKeepThinking(bool keepThinking, int expectedThoughts)
    {
        var envelope = AnthropicTranslator.ToUpstream(Request(s_earlierThinking), Context(Sonnet, keepThinking: keepThinking));

        Assert.Equal(expectedThoughts, ModelParts(envelope).Count(p => p.Thought == true));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToUpstream_ThinkingModelWithoutThinkingField_ThinkingOnAndSignedHistoryKept(bool keepThinking)
    {
        var envelope = AnthropicTranslator.ToUpstream(Request(s_earlierThinking), Context(OpusThinking, keepThinking: keepThinking));

        Assert.Equal(16384, envelope.Request.GenerationConfig!.ThinkingConfig!.ThinkingBudget);
        Assert.Equal(["old", "a1"], ModelParts(envelope).Select(p => p.Text));
        Assert.Equal(Signature, ModelParts(envelope)[0].ThoughtSignature);
    }

    [Fact]
    public void ToUpstream_ThinkingNotRequestedOnNonThinkingModel_HistoryThinkingDroppedAndNoConfig()
    {
        var envelope = AnthropicTranslator.ToUpstream(Request(s_earlierThinking), Context(Sonnet));

        Assert.Null(envelope.Request.GenerationConfig!.ThinkingConfig);
        Assert.Equal("a1", Assert.Single(ModelParts(envelope)).Text);
    }

    /// <summary>No thinking field; an earlier answer with signed and redacted thinking.</summary>
    private static readonly string s_earlierThinking = $$$"""
        {"model":"claude-opus-4-6","max_tokens":4000,
         "messages":[{"role":"user","content":"q1"},
          {"role":"assistant","content":[{"type":"thinking","thinking":"old","signature":"{{{Signature}}}"},{"type":"redacted_thinking","data":"xx"},{"type":"text","text":"a1"}]},
          {"role":"user","content":"q2"}]}
        """;

    [Theory]
    [InlineData("low", 8192)]
    [InlineData("medium", 16384)]
    [InlineData("high", 32768)]
    [InlineData(null, 32768)]
    public void ToUpstream_AdaptiveThinking_BudgetFromEffortTable(string? effort, int budget)
    {
        var outputConfig = effort is null ? "" : $$$""","output_config":{"effort":"{{{effort}}}"}""";
        var json = $$$"""{"model":"m","max_tokens":64000,"thinking":{"type":"adaptive"}{{{outputConfig}}},"messages":[{"role":"user","content":"hi"}]}""";

        var config = AnthropicTranslator.ToUpstream(Request(json), Context(OpusThinking)).Request.GenerationConfig!;

        Assert.Equal(budget, config.ThinkingConfig!.ThinkingBudget);
        Assert.True(config.ThinkingConfig.IncludeThoughts);
    }

    [Theory]
    [InlineData(1000, 31999, 40191, 31999)]
    [InlineData(128000, 31999, 64000, 31999)]
    [InlineData(5000, 100000, 64000, 55808)]
    [InlineData(5000, 10, 5000, 1024)]
    public void ToUpstream_EnabledThinking_MaxOutputAboveBudgetWithinRouteLimit(int maxTokens, int requestedBudget, int maxOutput, int budget)
    {
        var json = $$$"""{"model":"m","max_tokens":{{{maxTokens}}},"thinking":{"type":"enabled","budget_tokens":{{{requestedBudget}}}},"messages":[{"role":"user","content":"hi"}]}""";

        var config = AnthropicTranslator.ToUpstream(Request(json), Context(OpusThinking)).Request.GenerationConfig!;

        Assert.Equal(maxOutput, config.MaxOutputTokens);
        Assert.Equal(budget, config.ThinkingConfig!.ThinkingBudget);
        Assert.True(config.ThinkingConfig.ThinkingBudget < config.MaxOutputTokens);
    }

    [Fact]
    public void ToUpstream_NonThinkingClaudeRoute_NoThinkingConfig()
    {
        var json = """{"model":"m","max_tokens":100,"thinking":{"type":"enabled","budget_tokens":2048},"messages":[{"role":"user","content":"hi"}]}""";

        var config = AnthropicTranslator.ToUpstream(Request(json), Context(Sonnet)).Request.GenerationConfig!;

        Assert.Null(config.ThinkingConfig);
        Assert.Equal(100, config.MaxOutputTokens);
    }

    [Theory]
    [InlineData("minimal", "minimal", "low")]
    [InlineData("low", "low", "low")]
    [InlineData("medium", "medium", "high")]
    [InlineData("high", "high", "high")]
    public void ToUpstream_Gemini3_ThinkingLevelPerModel(string effort, string flashLevel, string proLevel)
    {
        var json = $$$"""{"model":"m","max_tokens":100,"thinking":{"type":"adaptive"},"output_config":{"effort":"{{{effort}}}"},"messages":[{"role":"user","content":"hi"}]}""";

        var flash = AnthropicTranslator.ToUpstream(Request(json), Context(Gemini3Flash)).Request.GenerationConfig!.ThinkingConfig!;
        var pro = AnthropicTranslator.ToUpstream(Request(json), Context(Gemini3Pro)).Request.GenerationConfig!.ThinkingConfig!;

        Assert.Equal((flashLevel, (int?)null), (flash.ThinkingLevel, flash.ThinkingBudget));
        Assert.Equal(proLevel, pro.ThinkingLevel);
    }

    [Fact]
    public void ToUpstream_Gemini25_ThinkingBudget()
    {
        var json = """{"model":"m","max_tokens":20000,"thinking":{"type":"enabled","budget_tokens":4096},"messages":[{"role":"user","content":"hi"}]}""";

        var thinking = AnthropicTranslator.ToUpstream(Request(json), Context(Gemini25Flash)).Request.GenerationConfig!.ThinkingConfig!;

        Assert.Equal((true, 4096, (string?)null), (thinking.IncludeThoughts, thinking.ThinkingBudget, thinking.ThinkingLevel));
    }

    [Theory]
    [InlineData("""{"type":"auto"}""", "VALIDATED", null)]
    [InlineData("""{"type":"any"}""", "ANY", null)]
    [InlineData("""{"type":"none"}""", "NONE", null)]
    [InlineData("""{"type":"tool","name":"Bash"}""", "ANY", "Bash")]
    public void ToUpstream_ToolChoice_FunctionCallingConfig(string toolChoice, string mode, string? allowed)
    {
        var json = $$$"""{"model":"m","max_tokens":10,"tool_choice":{{{toolChoice}}},"tools":[{"name":"Bash","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"hi"}]}""";

        var config = AnthropicTranslator.ToUpstream(Request(json), Context(Sonnet)).Request.ToolConfig!.FunctionCallingConfig!;

        Assert.Equal(mode, config.Mode);
        Assert.Equal(allowed, config.AllowedFunctionNames?.Single());
    }

    [Fact]
    public void ToUpstream_ToolsOnGeminiRoute_AutoMode()
    {
        var json = """{"model":"m","max_tokens":10,"tools":[{"name":"Bash","input_schema":{"type":"object","properties":{"c":{"type":"string"}}}}],"messages":[{"role":"user","content":"hi"}]}""";

        Assert.Equal("AUTO", AnthropicTranslator.ToUpstream(Request(json), Context(Gemini3Flash)).Request.ToolConfig!.FunctionCallingConfig!.Mode);
    }

    [Fact]
    public void ToUpstream_ToolResultWithImage_ImageFollowsFunctionResponse()
    {
        var json = """
            {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"shot"},
             {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"screenshot","input":{}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"done"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]}]}]}
            """;

        var parts = AnthropicTranslator.ToUpstream(Request(json), Context(Sonnet)).Request.Contents[^1].Parts;

        Assert.Equal("screenshot", parts[0].FunctionResponse!.Name);
        Assert.Equal("""{"output":"done"}""", parts[0].FunctionResponse!.Response!.ToJsonString());
        Assert.Equal("image/png", parts[1].InlineData!.MimeType);
    }

    [Theory]
    [InlineData("""[{"type":"text","text":"a"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}},{"type":"text","text":"b"},{"type":"text","text":"c"}]""", "a\nb\nc")]
    [InlineData("""[{"type":"text","text":"only"}]""", "only")]
    [InlineData("""[]""", "")]
    [InlineData("\"plain\"", "plain")]
    public void ToUpstream_ToolResultTexts_JoinedWithNewlines(string content, string expected)
    {
        var json = $$$"""
            {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"go"},
             {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"read","input":{}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":{{{content}}}}]}]}
            """;

        var parts = AnthropicTranslator.ToUpstream(Request(json), Context(Sonnet)).Request.Contents[^1].Parts;

        Assert.Equal(expected, (string)parts[0].FunctionResponse!.Response!["output"]!);
    }

    [Fact]
    public void FromUpstream_GeminiCallSignature_RememberedAndSentOnNextTurn()
    {
        var memory = new ThinkingMemory();
        var ctx = Context(Gemini3Flash, memory);
        var response = new GenerateContentResponse
        {
            Candidates = [new Candidate { Content = new Content { Role = "model", Parts = [new Part { FunctionCall = new FunctionCall { Name = "f", Args = new JsonObject() }, ThoughtSignature = Signature }] } }],
        };

        var message = AnthropicTranslator.FromUpstream(response, ctx, "gemini-3-flash");
        var id = Assert.Single(message.Content).Id!;
        Assert.StartsWith("toolu_", id, StringComparison.Ordinal);

        var next = $$$"""
            {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"go"},
             {"role":"assistant","content":[{"type":"tool_use","id":"{{{id}}}","name":"f","input":{}},{"type":"tool_use","id":"other","name":"f","input":{}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{{id}}}","content":"r"},{"type":"tool_result","tool_use_id":"other","content":"r"}]}]}
            """;
        var parts = AnthropicTranslator.ToUpstream(Request(next), ctx).Request.Contents[1].Parts;
        Assert.Equal(Signature, parts[0].ThoughtSignature);
        Assert.Null(parts[1].ThoughtSignature);
    }

    [Fact]
    public void ToUpstream_Gemini3CallWithoutKnownSignature_Sentinel()
    {
        var json = """
            {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"go"},
             {"role":"assistant","content":[{"type":"tool_use","id":"x","name":"f","input":{}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"x","content":"r"}]}]}
            """;

        var parts = AnthropicTranslator.ToUpstream(Request(json), Context(Gemini3Flash)).Request.Contents[1].Parts;

        Assert.Equal(AnthropicThinking.SkipSignatureSentinel, parts[0].ThoughtSignature);
    }

    [Theory]
    [InlineData("MAX_TOKENS", "max_tokens")]
    [InlineData("STOP", "end_turn")]
    [InlineData("SAFETY", "refusal")]
    [InlineData(null, "end_turn")]
    public void FromUpstream_FinishReason_StopReason(string? finishReason, string stopReason)
    {
        var response = new GenerateContentResponse
        {
            Candidates = [new Candidate { Content = new Content { Parts = [new Part { Text = "x" }] }, FinishReason = finishReason }],
        };

        Assert.Equal(stopReason, AnthropicTranslator.FromUpstream(response, Context(Sonnet), "m").StopReason);
    }

    [Fact]
    public void FromUpstream_PlaceholderArgument_StrippedFromInput()
    {
        var response = new GenerateContentResponse
        {
            Candidates = [new Candidate { Content = new Content { Parts = [new Part { FunctionCall = new FunctionCall { Name = "get_time", Id = "t", Args = JsonNode.Parse("""{"_placeholder":true}""") } }] } }],
        };

        var block = Assert.Single(AnthropicTranslator.FromUpstream(response, Context(Sonnet), "m").Content);

        Assert.Equal("{}", block.Input!.ToJsonString());
    }

    [Fact]
    public void FromUpstream_NoCandidates_EmptyEndTurnMessageWithGeneratedId()
    {
        var message = AnthropicTranslator.FromUpstream(new UpstreamResponseEnvelope(), Context(Sonnet), "claude-x");

        Assert.Empty(message.Content);
        Assert.Equal("end_turn", message.StopReason);
        Assert.Equal("claude-x", message.Model);
        Assert.StartsWith("msg_sy", message.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromUpstreamStreamAsync_EmptyUpstream_CompleteEventSequence()
    {
        var items = new List<SseItem<string>>();
        await foreach (var item in AnthropicTranslator.FromUpstreamStreamAsync(Empty(), Context(Sonnet), "m", TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        Assert.Equal(["message_start", "ping", "message_delta", "message_stop"], items.Select(i => i.EventType));
    }

    [Fact]
    public async Task FromUpstreamStreamAsync_Canceled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in AnthropicTranslator.FromUpstreamStreamAsync(Endless(TestContext.Current.CancellationToken), Context(Sonnet), "m", cts.Token))
            {
            }
        });
    }

    private static async IAsyncEnumerable<UpstreamResponseEnvelope> Empty()
    {
        await Task.Yield();
        yield break;
    }

    private static async IAsyncEnumerable<UpstreamResponseEnvelope> Endless([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new UpstreamResponseEnvelope();
        }
    }
}
