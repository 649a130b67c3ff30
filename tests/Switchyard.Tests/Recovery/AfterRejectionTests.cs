using Switchyard.Protocols.Shared;
using Switchyard.Recovery;
using Switchyard.RequestLog;
using static Switchyard.Tests.Recovery.Convo;

namespace Switchyard.Tests.Recovery;

public sealed class AfterRejectionTests
{
    private static readonly RecoveryOptions s_options = new();

    [Fact]
    public void AfterRejection_ToolResultMissing_InsertsInterruptedResult()
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Call("toolu_1")), User(Text("continue")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.ToolResultMissing(1, "toolu_1")), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        Assert.Equal("toolu_1", result.Request.Contents[2].Parts[0].FunctionResponse!.Id);
        var record = Assert.Single(repairs);
        Assert.Equal(RepairKinds.MissingToolResult, record.Kind);
        Assert.StartsWith("after upstream 400", record.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterRejection_ToolResultMissingButPairedByName_NamedCallAndResultSentAsText()
    {
        // We pair by name (the result has no id); the upstream did not: the named call and its result go as text.
        var result0 = Result("toolu_1") with { FunctionResponse = Result("x").FunctionResponse! with { Id = null, Name = "read_file" } };
        var envelope = Claude(thinking: false, User(Text("go")), Model(Text("Reading."), Call("toolu_1")), User(result0, Text("and?")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.ToolResultMissing(1, "toolu_1")), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        var contents = result.Request.Contents;
        Assert.DoesNotContain(contents.SelectMany(c => c.Parts), p => p.FunctionCall is not null || p.FunctionResponse is not null);
        Assert.Equal(["Reading.", ToolCallText.CallText(Call("toolu_1").FunctionCall!)], contents[1].Parts.Select(p => p.Text));
        Assert.StartsWith("[tool result read_file: {\"output\":\"contents\"}]", contents[2].Parts[0].Text, StringComparison.Ordinal);
        Assert.Equal("and?", contents[2].Parts[1].Text);
        Assert.Equal(RepairKinds.ToolCallAsText, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void AfterRejection_ToolResultMissingWithTextFirst_ResultsMovedFirst()
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Call("toolu_1")), User(Text("note"), Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.ToolResultMissing(1, "toolu_1")), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        Assert.Equal("toolu_1", result.Request.Contents[2].Parts[0].FunctionResponse!.Id);
        Assert.Equal(RepairKinds.ToolResultsFirst, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void AfterRejection_AssistantPrefill_EndsInUserTurn()
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Text("The answer is")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection("This model does not support assistant message prefill"), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        Assert.Equal("user", Assert.Single(result.Request.Contents).Role);
        Assert.Equal(RepairKinds.AssistantPrefill, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void AfterRejection_UnexpectedToolResult_ResultBecomesText()
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Text("hm")), User(Result("toolu_7")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.UnexpectedToolResult(2, 0, "toolu_7")), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        Assert.Null(result.Request.Contents[2].Parts[0].FunctionResponse);
        Assert.Equal(RepairKinds.OrphanToolResult, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void AfterRejection_UnexpectedToolResultThatWePair_NamedResultBecomesText()
    {
        // Paired by name on our side (the call has no id), refused by the upstream: the named result becomes text.
        var call = Call("x") with { FunctionCall = Call("x").FunctionCall! with { Id = null } };
        var envelope = Claude(thinking: false, User(Text("go")), Model(call), User(Result("toolu_7")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.UnexpectedToolResult(2, 0, "toolu_7")), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        var parts = result.Request.Contents[2].Parts;
        Assert.Contains(parts, p => p.Text?.Contains(s_options.OrphanToolResultText, StringComparison.Ordinal) == true);
        var synthetic = Assert.Single(parts, p => p.FunctionResponse is not null).FunctionResponse!;
        Assert.Null(synthetic.Id);
        Assert.Equal(s_options.InterruptedToolResultText, synthetic.Response!["error"]!.GetValue<string>());
        Assert.Equal([RepairKinds.OrphanToolResult, RepairKinds.MissingToolResult], repairs.Select(r => r.Kind));
    }

    [Theory]
    [InlineData("text", false)]
    [InlineData("tool_use", false)]
    [InlineData("tool_use", true)]
    public void AfterRejection_ThinkingOrderOnTurnStartingWithThinking_TurnClosedAsTextThinkingStaysOn(string found, bool thinkingById)
    {
        var envelope = Claude(thinking: !thinkingById, User(Text("go")), Model(Thought("a", Sig), Call("toolu_1")), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.ThinkingOrder(1, found)), claudeModel: true, s_options, repairs, thinkingById: thinkingById);

        Assert.NotNull(result);
        Assert.Equal(envelope.Request.GenerationConfig, result.Request.GenerationConfig);
        Assert.DoesNotContain(result.Request.Contents.SelectMany(c => c.Parts), p => p.FunctionCall is not null || p.FunctionResponse is not null);
        Assert.Equal("user", result.Request.Contents[^1].Role);
        Assert.Equal(RepairKinds.ToolCallAsText, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void AfterRejection_ThinkingOrderOnEarlierToolTurn_RememberedThinkingRestored()
    {
        var memory = new ThinkingMemory();
        memory.RememberClaude("toolu_1", "first look", Sig);
        var envelope = Claude(thinking: true,
            User(Text("go")), Model(Call("toolu_1")), User(Result("toolu_1")), Model(Thought("b", OtherSig), Call("toolu_2")), User(Result("toolu_2")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.ThinkingOrder(1, "tool_use")), claudeModel: true, s_options, repairs, memory);

        Assert.NotNull(result);
        var turn = result.Request.Contents[1].Parts;
        Assert.Equal((true, "first look", Sig), (turn[0].Thought, turn[0].Text, turn[0].ThoughtSignature));
        Assert.NotNull(turn[1].FunctionCall);
        Assert.Equal(RepairKinds.ThinkingRestored, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void AfterRejection_ThinkingOrderWithThinkingLater_MovesIt()
    {
        var envelope = Claude(thinking: true, User(Text("go")), Model(Text("x"), Thought("a", Sig), Call("toolu_1")), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.ThinkingOrder(1)), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        Assert.True(result.Request.Contents[1].Parts[0].Thought);
        Assert.NotNull(result.Request.GenerationConfig!.ThinkingConfig);
    }

    public static TheoryData<string> SignatureTexts => new()
    {
        Texts.InvalidSignature(3),
        Texts.SignatureRequired(1, 2),
        Texts.ExtraInputs(1),
    };

    [Theory]
    [MemberData(nameof(SignatureTexts))]
    public void AfterRejection_SignatureError_SignaturesInDoubtRemovedToolTurnClosedThinkingStaysOn(string text)
    {
        var envelope = Claude(thinking: true,
            User(Text("go")), Model(Thought("old", Sig), Text("done")), User(Text("next")),
            Model(Thought("now", OtherSig), Call("toolu_1")), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(text), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        var parts = result.Request.Contents.SelectMany(c => c.Parts).ToList();
        Assert.DoesNotContain(parts, p => p.Thought == true || p.ThoughtSignature is not null || p.FunctionCall is not null);
        Assert.NotNull(result.Request.GenerationConfig!.ThinkingConfig);
        Assert.Equal([RepairKinds.ThinkingStripped, RepairKinds.InvalidSignature, RepairKinds.InvalidSignature, RepairKinds.ToolCallAsText], repairs.Select(r => r.Kind));
    }

    [Fact]
    public void AfterRejection_SignatureErrorOnUnknownBlock_BlocksKnownValidKeptAndRefusedOneRemembered()
    {
        var memory = new ThinkingMemory();
        memory.RememberClaude("toolu_1", "now", OtherSig);
        var envelope = Claude(thinking: true,
            User(Text("go")), Model(Thought("old", Sig), Text("done")), User(Text("next")),
            Model(Thought("now", OtherSig), Call("toolu_1")), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.InvalidSignature(1)), claudeModel: true, s_options, repairs, memory);

        Assert.NotNull(result);
        Assert.Equal("done", Assert.Single(result.Request.Contents[1].Parts).Text);
        Assert.Equal(OtherSig, result.Request.Contents[3].Parts[0].ThoughtSignature);
        Assert.NotNull(result.Request.Contents[3].Parts[1].FunctionCall);
        Assert.True(memory.IsRejected(Sig));
        Assert.False(memory.IsRejected(OtherSig));
    }

    [Fact]
    public void AfterRejection_SignatureErrorOnBlockTheMemoryKnew_EverySignatureRefused()
    {
        var memory = new ThinkingMemory();
        memory.RememberClaude(null, "old", Sig);
        memory.RememberClaude("toolu_1", "now", OtherSig);
        var envelope = Claude(thinking: true,
            User(Text("go")), Model(Thought("old", Sig), Text("done")), User(Text("next")),
            Model(Thought("now", OtherSig), Call("toolu_1")), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.InvalidSignature(1)), claudeModel: true, s_options, repairs, memory);

        Assert.NotNull(result);
        Assert.DoesNotContain(result.Request.Contents.SelectMany(c => c.Parts), p => p.Thought == true || p.FunctionCall is not null);
        Assert.True(memory.IsRejected(Sig));
        Assert.True(memory.IsRejected(OtherSig));
        Assert.Null(memory.Find("toolu_1"));
    }

    [Fact]
    public void AfterRejection_SignatureErrorOutsideToolLoop_KeepsThinkingOn()
    {
        var envelope = Claude(thinking: true, User(Text("go")), Model(Thought("old", Sig), Text("done")), User(Text("next")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.InvalidSignature(1)), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        Assert.NotNull(result.Request.GenerationConfig!.ThinkingConfig);
        Assert.Equal("done", Assert.Single(result.Request.Contents[1].Parts).Text);
    }

    [Fact]
    public void AfterRejection_ThinkingDisabled_StripsThinking()
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Thought("x", Sig), Text("So")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.ThinkingDisabled), claudeModel: true, s_options, repairs);

        Assert.NotNull(result);
        Assert.Equal("user", Assert.Single(result.Request.Contents).Role);
        Assert.Equal([RepairKinds.ThinkingStripped, RepairKinds.AssistantPrefill], repairs.Select(r => r.Kind));
    }

    [Fact]
    public void AfterRejection_GeminiMissingSignature_SentinelOnEveryTurnsFirstCall()
    {
        var envelope = Envelope("gemini-pro-agent", thinking: true,
            User(Text("go")), Model(Call("a"), Call("b")), User(Result("a"), Result("b")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, GoogleRejection(Texts.GeminiMissingSignature("read_file", 2)), claudeModel: false, s_options, repairs);

        Assert.NotNull(result);
        Assert.Equal("skip_thought_signature_validator", result.Request.Contents[1].Parts[0].ThoughtSignature);
        Assert.Null(result.Request.Contents[1].Parts[1].ThoughtSignature);
        Assert.Equal(RepairKinds.InvalidSignature, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void AfterRejection_CorruptedSignature_ReplacesCallSignaturesWithSentinel()
    {
        var envelope = Envelope("gemini-3-pro-high", thinking: true,
            User(Text("go")), Model(Thought("t", Sig), Call("a", signature: OtherSig)), User(Result("a")));
        var repairs = new List<RepairRecord>();

        var result = ConversationRepair.AfterRejection(envelope, 400, GoogleRejection(Texts.CorruptedSignature), claudeModel: false, s_options, repairs);

        Assert.NotNull(result);
        var part = Assert.Single(result.Request.Contents[1].Parts);
        Assert.Equal("skip_thought_signature_validator", part.ThoughtSignature);
    }

    public static TheoryData<int, string> Unrepairable => new()
    {
        { 400, ClaudeRejection(Texts.PromptTooLong) },
        { 400, GoogleRejection(Texts.PromptTooLongGemini) },
        { 400, GoogleRejection(Texts.UnknownField) },
        { 400, ClaudeRejection(Texts.BudgetAboveMax) },
        { 400, "<html>bad</html>" },
        { 429, ClaudeRejection(Texts.ToolResultMissing(1, "toolu_1")) },
    };

    [Theory]
    [MemberData(nameof(Unrepairable))]
    public void AfterRejection_NotRepairable_Null(int status, string body)
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Call("toolu_1")), User(Text("x")));
        var repairs = new List<RepairRecord>();

        Assert.Null(ConversationRepair.AfterRejection(envelope, status, body, claudeModel: true, s_options, repairs));
        Assert.Empty(repairs);
    }

    [Fact]
    public void AfterRejection_NothingLeftToChange_Null()
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Text("plain")), User(Text("x")));
        var repairs = new List<RepairRecord>();

        Assert.Null(ConversationRepair.AfterRejection(envelope, 400, ClaudeRejection(Texts.InvalidSignature(1)), claudeModel: true, s_options, repairs));
        Assert.Empty(repairs);
    }
}
