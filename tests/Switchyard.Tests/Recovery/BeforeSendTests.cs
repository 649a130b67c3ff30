using Switchyard.Recovery;
using Switchyard.RequestLog;
using Switchyard.Upstream.Wire;
using static Switchyard.Tests.Recovery.Convo;

namespace Switchyard.Tests.Recovery;

public sealed class BeforeSendTests
{
    private static readonly RecoveryOptions s_options = new();

    [Fact]
    public void BeforeSend_CleanClaudeToolLoopWithThinking_ReturnsSameInstance()
    {
        var envelope = Claude(
            thinking: true,
            User(Text("read a.txt")),
            Model(Thought("I should read it.", Sig), Call("toolu_1")),
            User(Result("toolu_1")),
            Model(Thought("Now the second.", Sig), Text("And b."), Call("toolu_2", "list")),
            User(Result("toolu_2", "list")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        Assert.Same(envelope, result);
        Assert.Empty(repairs);
    }

    [Fact]
    public void BeforeSend_CleanGemini3LoopAndPlainChat_ReturnsSameInstance()
    {
        var gemini = Envelope("gemini-3-pro-high", thinking: true,
            User(Text("read a.txt")), Model(Call("c1", signature: Sig), Call("c2")), User(Result("c1"), Result("c2")));
        var plain = Claude(thinking: false, User(Text("hi")), Model(Text("hello")), User(Text("bye")));
        var repairs = new List<RepairRecord>();

        Assert.Same(gemini, ConversationRepair.BeforeSend(gemini, claudeModel: false, s_options, repairs));
        Assert.Same(plain, ConversationRepair.BeforeSend(plain, claudeModel: true, s_options, repairs));
        Assert.Empty(repairs);
    }

    [Fact]
    public void BeforeSend_CallWithoutResultInNextUserTurn_AddsInterruptedResultAfterTheRealOnes()
    {
        var envelope = Claude(thinking: false,
            User(Text("go")),
            Model(Call("toolu_1"), Call("toolu_2", "list")),
            User(Result("toolu_1"), Text("also this")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        var user = result.Request.Contents[2];
        Assert.Equal(["toolu_1", "toolu_2", null], user.Parts.Select(p => p.FunctionResponse?.Id));
        Assert.Equal("also this", user.Parts[2].Text);
        var synthetic = user.Parts[1].FunctionResponse!;
        Assert.Equal("list", synthetic.Name);
        Assert.Equal(s_options.InterruptedToolResultText, synthetic.Response!["error"]!.GetValue<string>());
        var record = Assert.Single(repairs);
        Assert.Equal(RepairKinds.MissingToolResult, record.Kind);
        Assert.Contains("toolu_2", record.Detail, StringComparison.Ordinal);
        Assert.Equal(2, envelope.Request.Contents[2].Parts.Count); // the input is not changed
    }

    [Fact]
    public void BeforeSend_CallFollowedByModelTurn_InsertsUserTurnWithInterruptedResult()
    {
        var options = new RecoveryOptions { InterruptedToolResultText = "Cancelled (ESC)." };
        var envelope = Claude(thinking: false,
            User(Text("go")), Model(Call("toolu_1")), Model(Text("Never mind.")), User(Text("ok")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, options, repairs);

        Assert.Equal(["user", "model", "user", "model", "user"], result.Request.Contents.Select(c => c.Role));
        var response = Assert.Single(result.Request.Contents[2].Parts).FunctionResponse!;
        Assert.Equal("toolu_1", response.Id);
        Assert.Equal("Cancelled (ESC).", response.Response!["error"]!.GetValue<string>());
        Assert.Equal(RepairKinds.MissingToolResult, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_ConversationEndingInCalls_CallsAnsweredAsInterrupted()
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Call("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        Assert.Equal(["user", "model", "user"], result.Request.Contents.Select(c => c.Role));
        Assert.Equal("toolu_1", Assert.Single(result.Request.Contents[2].Parts).FunctionResponse!.Id);
        Assert.Equal(RepairKinds.MissingToolResult, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_TextPrefill_RemovedAndRecorded()
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Thought("so", Sig), Text("The answer is")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        Assert.Equal("go", Assert.Single(Assert.Single(result.Request.Contents).Parts).Text);
        Assert.Equal(RepairKinds.AssistantPrefill, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_TextBeforeToolResults_ResultsMovedFirstNothingRemoved()
    {
        var envelope = Claude(thinking: false,
            User(Text("go")), Model(Call("toolu_1"), Call("toolu_2", "list")), User(Text("note"), Result("toolu_1"), Text("more"), Result("toolu_2", "list")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        Assert.Equal(["toolu_1", "toolu_2", null, null], result.Request.Contents[2].Parts.Select(p => p.FunctionResponse?.Id));
        Assert.Equal(["note", "more"], result.Request.Contents[2].Parts.Skip(2).Select(p => p.Text));
        Assert.Equal(RepairKinds.ToolResultsFirst, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_ResultWithoutCall_BecomesText()
    {
        var envelope = Claude(thinking: false,
            User(Text("go")), Model(Call("toolu_1")), User(Result("toolu_1"), Result("toolu_9", "grep", "match")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        var parts = result.Request.Contents[2].Parts;
        Assert.Equal("toolu_1", parts[0].FunctionResponse!.Id);
        Assert.Null(parts[1].FunctionResponse);
        Assert.StartsWith(s_options.OrphanToolResultText + " grep", parts[1].Text, StringComparison.Ordinal);
        Assert.Contains("match", parts[1].Text, StringComparison.Ordinal);
        var record = Assert.Single(repairs);
        Assert.Equal(RepairKinds.OrphanToolResult, record.Kind);
        Assert.DoesNotContain("match", record.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("skip_thought_signature_validator")]
    [InlineData("short-signature")]
    public void BeforeSend_ClaudeHistoryThinkingWithUnusableSignature_Removed(string? signature)
    {
        var envelope = Claude(thinking: false,
            User(Text("hi")), Model(Thought("pondering", signature), Text("hello")), User(Text("more")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        Assert.Equal([(bool?)null], result.Request.Contents[1].Parts.Select(p => p.Thought));
        Assert.Equal("hello", result.Request.Contents[1].Parts[0].Text);
        Assert.Equal(RepairKinds.InvalidSignature, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_ClaudeModelTurnWithGeminiCallSignature_SignatureRemoved()
    {
        var envelope = Claude(thinking: false,
            User(Text("go")), Model(Call("c1", signature: Sig), new Part { Text = "", ThoughtSignature = OtherSig }), User(Result("c1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        var part = Assert.Single(result.Request.Contents[1].Parts);
        Assert.NotNull(part.FunctionCall);
        Assert.Null(part.ThoughtSignature);
        Assert.Equal(RepairKinds.InvalidSignature, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_ThinkingPartWithExtraFields_ReducedToThinkingFields()
    {
        var thought = Thought("pondering", Sig) with { Extra = new() { ["cache_control"] = System.Text.Json.JsonDocument.Parse("{}").RootElement } };
        var envelope = Claude(thinking: false, User(Text("hi")), Model(thought, Text("hello")), User(Text("more")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        var kept = result.Request.Contents[1].Parts[0];
        Assert.True(kept.Thought);
        Assert.Equal(Sig, kept.ThoughtSignature);
        Assert.Null(kept.Extra);
        Assert.Single(repairs);
    }

    [Fact]
    public void BeforeSend_ThinkingAfterTextInFinalTurn_MovedToFront()
    {
        var envelope = Claude(thinking: true,
            User(Text("go")), Model(Text("Let me look."), Thought("checking", Sig), Call("toolu_1")), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        var parts = result.Request.Contents[1].Parts;
        Assert.True(parts[0].Thought);
        Assert.Equal("Let me look.", parts[1].Text);
        Assert.NotNull(parts[2].FunctionCall);
        Assert.NotNull(result.Request.GenerationConfig!.ThinkingConfig);
        Assert.Equal(RepairKinds.ThinkingOrder, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_ToolTurnWithoutThinking_ClosedAsTextThinkingStaysOn()
    {
        var envelope = Claude(thinking: true,
            User(Text("go")),
            Model(Thought("old", Sig), Text("done")),
            User(Text("again")),
            Model(Call("toolu_1")),
            User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        var contents = result.Request.Contents;
        Assert.NotNull(result.Request.GenerationConfig!.ThinkingConfig);
        Assert.True(contents[1].Parts[0].Thought);
        Assert.Equal(ToolCallText.CallText(Call("toolu_1").FunctionCall!), Assert.Single(contents[3].Parts).Text);
        Assert.StartsWith("[tool result read_file: {", Assert.Single(contents[4].Parts).Text, StringComparison.Ordinal);
        Assert.Equal(RepairKinds.ToolCallAsText, Assert.Single(repairs).Kind);
        Assert.NotNull(envelope.Request.Contents[3].Parts[0].FunctionCall);
    }

    [Fact]
    public void BeforeSend_UnsignedThinkingInToolTurn_RemovedAndTurnClosedAsText()
    {
        var envelope = Claude(thinking: true,
            User(Text("go")), Model(Thought("client-made"), Call("toolu_1")), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs);

        Assert.NotNull(result.Request.GenerationConfig!.ThinkingConfig);
        Assert.StartsWith("[tool call read_file", Assert.Single(result.Request.Contents[1].Parts).Text, StringComparison.Ordinal);
        Assert.Equal([RepairKinds.InvalidSignature, RepairKinds.ToolCallAsText], repairs.Select(r => r.Kind));
    }

    [Fact]
    public void BeforeSend_Gemini3UnsignedCallInOpenLoop_GetsSentinelOnlyThere()
    {
        var envelope = Envelope("gemini-3-pro-high", thinking: true,
            User(Text("first")), Model(Call("a")), User(Result("a")), Model(Text("ok")),
            User(Text("second")), Model(Call("b"), Call("c")), User(Result("b"), Result("c")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: false, s_options, repairs);

        var contents = result.Request.Contents;
        Assert.Null(contents[1].Parts[0].ThoughtSignature);
        Assert.Equal("skip_thought_signature_validator", contents[5].Parts[0].ThoughtSignature);
        Assert.Null(contents[5].Parts[1].ThoughtSignature);
        Assert.Equal(RepairKinds.InvalidSignature, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_Gemini25UnsignedCall_LeftAlone()
    {
        var envelope = Envelope("gemini-2.5-pro", thinking: true, User(Text("go")), Model(Call("a")), User(Result("a")));
        var repairs = new List<RepairRecord>();

        Assert.Same(envelope, ConversationRepair.BeforeSend(envelope, claudeModel: false, s_options, repairs));
    }

    [Fact]
    public void BeforeSend_ExplicitGemini3Flag_OverridesModelId()
    {
        var envelope = Envelope("gemini-pro-agent", thinking: true, User(Text("go")), Model(Call("a")), User(Result("a")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.BeforeSend(envelope, claudeModel: false, s_options, repairs, signedCalls: true);

        Assert.Equal("skip_thought_signature_validator", result.Request.Contents[1].Parts[0].ThoughtSignature);
    }
}
