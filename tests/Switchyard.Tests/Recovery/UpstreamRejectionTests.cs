using Switchyard.Recovery;
using static Switchyard.Tests.Recovery.Convo;

namespace Switchyard.Tests.Recovery;

public sealed class UpstreamRejectionTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { Texts.ThinkingOrder(3), nameof(RejectionKind.ThinkingOrder) },
        { Texts.ThinkingOrder(3, "tool_use"), nameof(RejectionKind.ThinkingOrder) },
        { Texts.InvalidSignature(1), nameof(RejectionKind.InvalidThinking) },
        { Texts.SignatureRequired(1), nameof(RejectionKind.InvalidThinking) },
        { "messages.1.content.0.thinking.thinking: Field required", nameof(RejectionKind.InvalidThinking) },
        { Texts.ExtraInputs(1), nameof(RejectionKind.InvalidThinking) },
        { Texts.ToolResultMissing(4, "toolu_a", "toolu_b"), nameof(RejectionKind.ToolResultMissing) },
        { Texts.UnexpectedToolResult(2, 1, "toolu_c"), nameof(RejectionKind.UnexpectedToolResult) },
        { Texts.PromptTooLong, nameof(RejectionKind.PromptTooLong) },
        { "Prompt is too long: 215000 tokens > 200000 maximum", nameof(RejectionKind.PromptTooLong) },
        { Texts.PromptTooLongGemini, nameof(RejectionKind.PromptTooLong) },
        { Texts.ThinkingDisabled, nameof(RejectionKind.ThinkingDisabled) },
        { "When thinking is disabled, an assistant message in the final position cannot contain thinking blocks", nameof(RejectionKind.ThinkingDisabled) },
        { Texts.GeminiMissingSignature("read_file", 2), nameof(RejectionKind.GeminiSignatureMissing) },
        { Texts.CorruptedSignature, nameof(RejectionKind.CorruptedSignature) },
        { Texts.UnknownField, nameof(RejectionKind.Other) },
        { Texts.BudgetAboveMax, nameof(RejectionKind.Other) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_UpstreamText_Kind(string message, string kind)
    {
        Assert.Equal(kind, UpstreamRejection.Classify(message).ToString());
    }

    [Fact]
    public void Read_ToolResultMissing_IndexAndIds()
    {
        var rejection = UpstreamRejection.Read(400, ClaudeRejection(Texts.ToolResultMissing(4, "toolu_a", "toolu_b")));

        Assert.Equal(RejectionKind.ToolResultMissing, rejection.Kind);
        Assert.Equal(4, rejection.Index);
        Assert.Equal(["toolu_a", "toolu_b"], rejection.Ids);
    }

    [Fact]
    public void Read_UnexpectedToolResult_IndexBlockAndId()
    {
        var rejection = UpstreamRejection.Read(400, ClaudeRejection(Texts.UnexpectedToolResult(2, 1, "toolu_c")));

        Assert.Equal((2, 1), (rejection.Index, rejection.Block));
        Assert.Equal(["toolu_c"], rejection.Ids);
    }

    [Fact]
    public void Read_NotA400_Other()
    {
        Assert.Equal(RejectionKind.Other, UpstreamRejection.Read(429, ClaudeRejection(Texts.ThinkingOrder(1))).Kind);
    }
}
