using Switchyard.Protocols.Shared;
using Switchyard.Recovery;
using Switchyard.RequestLog;
using Switchyard.Upstream.Wire;
using static Switchyard.Tests.Recovery.Convo;

namespace Switchyard.Tests.Recovery;

/// <summary>
/// Claude thinking in the history made acceptable to both readings of the thinking rules (issue 15): thinking on
/// every tool-call turn, one part per block, the signature the upstream issued for the text, never a refused one.
/// </summary>
public sealed class ClaudeThinkingTests
{
    private static readonly RecoveryOptions s_options = new();

    private static UpstreamEnvelope Send(UpstreamEnvelope envelope, ThinkingMemory memory, List<RepairRecord> repairs, bool thinkingById = false) =>
        ConversationRepair.BeforeSend(envelope, claudeModel: true, s_options, repairs, memory: memory, thinkingById: thinkingById);

    [Fact]
    public void BeforeSend_EarlierToolTurnWhoseClientDroppedThinking_RememberedBlockPutFirst()
    {
        var memory = new ThinkingMemory();
        memory.RememberClaude("toolu_1", "look at a", Sig);
        var envelope = Claude(thinking: true,
            User(Text("go")), Model(Call("toolu_1")), User(Result("toolu_1")),
            Model(Thought("now b", OtherSig), Call("toolu_2")), User(Result("toolu_2")), Model(Text("done")), User(Text("thanks")));
        var repairs = new List<RepairRecord>();

        var contents = Send(envelope, memory, repairs).Request.Contents;

        Assert.Equal((true, "look at a", Sig), (contents[1].Parts[0].Thought, contents[1].Parts[0].Text, contents[1].Parts[0].ThoughtSignature));
        Assert.NotNull(contents[1].Parts[1].FunctionCall);
        Assert.Equal(OtherSig, contents[3].Parts[0].ThoughtSignature);
        Assert.Equal(RepairKinds.ThinkingRestored, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_ClientEditedTheThinkingText_RememberedBlockReplacesIt()
    {
        var memory = new ThinkingMemory();
        memory.RememberClaude("toolu_1", "the signed text", Sig);
        var envelope = Claude(thinking: true, User(Text("go")), Model(Thought("the edited text", Sig), Call("toolu_1")), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var turn = Send(envelope, memory, repairs).Request.Contents[1].Parts;

        Assert.Equal(2, turn.Count);
        Assert.Equal(("the signed text", Sig), (turn[0].Text, turn[0].ThoughtSignature));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BeforeSend_ThinkingSplitOverParts_OnePartWithTheJoinedText(bool trailingSignature)
    {
        Part[] run = trailingSignature
            ? [Thought("a, "), Thought("b, "), Thought("c"), new Part { Text = "", ThoughtSignature = Sig }]
            : [Thought("a, "), Thought("b, "), Thought("c", Sig)];
        var envelope = Claude(thinking: true, User(Text("go")), Model([.. run, Text("Reading."), Call("toolu_1")]), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var turn = Send(envelope, new ThinkingMemory(), repairs).Request.Contents[1].Parts;

        Assert.Equal(3, turn.Count);
        Assert.Equal((true, "a, b, c", Sig), (turn[0].Thought, turn[0].Text, turn[0].ThoughtSignature));
        Assert.Equal(RepairKinds.ThinkingJoined, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_TextTheUpstreamSignedWithAnotherSignature_ItsOwnSignatureBack()
    {
        var memory = new ThinkingMemory();
        memory.RememberClaude(null, "pondering", Sig);
        var envelope = Claude(thinking: true, User(Text("hi")), Model(Thought("pondering", "skip_thought_signature_validator"), Text("hello")), User(Text("more")));
        var repairs = new List<RepairRecord>();

        var turn = Send(envelope, memory, repairs).Request.Contents[1].Parts;

        Assert.Equal(Sig, turn[0].ThoughtSignature);
        Assert.Equal(RepairKinds.InvalidSignature, Assert.Single(repairs).Kind);
    }

    [Theory]
    [InlineData("skip_thought_signature_validator")]
    [InlineData("refused")]
    public void BeforeSend_SentinelOrRefusedSignatureOnToolTurn_NeverSentTurnClosed(string which)
    {
        var memory = new ThinkingMemory();
        memory.Reject(Sig);
        var signature = which == "refused" ? Sig : which;
        var envelope = Claude(thinking: true, User(Text("go")), Model(Thought("t", signature), Call("toolu_1")), User(Result("toolu_1")));
        var repairs = new List<RepairRecord>();

        var result = Send(envelope, memory, repairs).Request;

        Assert.DoesNotContain(result.Contents.SelectMany(c => c.Parts), p => p.ThoughtSignature is not null || p.FunctionCall is not null);
        Assert.Equal([RepairKinds.InvalidSignature, RepairKinds.ToolCallAsText], repairs.Select(r => r.Kind));
    }

    [Fact]
    public void BeforeSend_ThinkingModelWithoutThinkingConfig_RulesStillApply()
    {
        var envelope = Claude(thinking: false, User(Text("go")), Model(Call("toolu_1")), User(Result("toolu_1")));

        var byId = Send(envelope, new ThinkingMemory(), [], thinkingById: true);
        var notById = Send(envelope, new ThinkingMemory(), [], thinkingById: false);

        Assert.DoesNotContain(byId.Request.Contents.SelectMany(c => c.Parts), p => p.FunctionCall is not null);
        Assert.Same(envelope, notById);
    }

    [Fact]
    public void BeforeSend_UnknownButRealLookingSignatureOnTextTurn_Kept()
    {
        var envelope = Claude(thinking: true, User(Text("hi")), Model(Thought("mine", Sig), Text("hello")), User(Text("more")));
        var repairs = new List<RepairRecord>();

        Assert.Same(envelope, Send(envelope, new ThinkingMemory(), repairs));
        Assert.Empty(repairs);
    }

    [Fact]
    public void BeforeSend_TurnOfOnlyUnusableThinking_RemovedAndTheUserTurnsMerged()
    {
        var envelope = Claude(thinking: true, User(Text("hi")), Model(Thought("unsigned")), User(Text("more")));
        var repairs = new List<RepairRecord>();

        var contents = Send(envelope, new ThinkingMemory(), repairs).Request.Contents;

        Assert.Equal(["hi", "more"], Assert.Single(contents).Parts.Select(p => p.Text));
        Assert.Equal(RepairKinds.InvalidSignature, Assert.Single(repairs).Kind);
    }

    [Fact]
    public void BeforeSend_ConversationEndingInUnthoughtCalls_AnsweredThenClosedAsText()
    {
        var envelope = Claude(thinking: true, User(Text("go")), Model(Call("toolu_1")));
        var repairs = new List<RepairRecord>();

        var contents = Send(envelope, new ThinkingMemory(), repairs, thinkingById: true).Request.Contents;

        Assert.Equal(["user", "model", "user"], contents.Select(c => c.Role));
        Assert.StartsWith("[tool call read_file", contents[1].Parts.Single().Text, StringComparison.Ordinal);
        Assert.StartsWith("[tool result read_file: {\"error\":", contents[2].Parts.Single().Text, StringComparison.Ordinal);
        Assert.Equal([RepairKinds.MissingToolResult, RepairKinds.ToolCallAsText], repairs.Select(r => r.Kind));
    }
}
