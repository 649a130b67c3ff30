using System.Text.Json.Nodes;
using Switchyard.FrontDoors;
using Switchyard.Recovery;
using static Switchyard.Tests.Recovery.Convo;

namespace Switchyard.Tests.Recovery;

public sealed class PromptTooLongTests
{
    [Theory]
    [InlineData("prompt is too long: 215000 tokens > 200000 maximum")]
    [InlineData("Prompt is too long: 215000 tokens > 200000 maximum")]
    public void AnthropicFromUpstream_ClaudeTooLong_InvalidRequestWithAnthropicWording(string upstream)
    {
        var error = AnthropicProtocolErrors.Instance.FromUpstream(400, ClaudeRejection(upstream));

        Assert.Equal(400, error.Status);
        var body = JsonNode.Parse(error.Json)!;
        Assert.Equal("invalid_request_error", body["error"]!["type"]!.GetValue<string>());
        Assert.Equal("prompt is too long: 215000 tokens > 200000 maximum", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public void AnthropicFromUpstream_GeminiTooLong_AnthropicWordingWithCounts()
    {
        var error = AnthropicProtocolErrors.Instance.FromUpstream(400, GoogleRejection(Texts.PromptTooLongGemini));

        Assert.Equal(400, error.Status);
        Assert.Equal("prompt is too long: 1200000 tokens > 1048576 maximum", JsonNode.Parse(error.Json)!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public void AnthropicFromUpstream_TooLongWithoutCounts_StartsWithAnthropicWording()
    {
        var error = AnthropicProtocolErrors.Instance.FromUpstream(400, GoogleRejection("This model's maximum context length is exceeded."));

        Assert.StartsWith("prompt is too long: ", JsonNode.Parse(error.Json)!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnthropicFromUpstream_OtherBadRequest_MessageUnchanged()
    {
        var error = AnthropicProtocolErrors.Instance.FromUpstream(400, GoogleRejection(Texts.UnknownField));

        Assert.Equal(Texts.UnknownField, JsonNode.Parse(error.Json)!["error"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OpenAIFromUpstream_TooLong_ContextLengthExceeded(bool claude)
    {
        var body = claude ? ClaudeRejection(Texts.PromptTooLong) : GoogleRejection(Texts.PromptTooLongGemini);

        var error = OpenAIProtocolErrors.Instance.FromUpstream(400, body);

        Assert.Equal(400, error.Status);
        var json = JsonNode.Parse(error.Json)!["error"]!;
        Assert.Equal("context_length_exceeded", json["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", json["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GeminiFromUpstream_TooLong_InvalidArgument(bool claude)
    {
        var body = claude ? ClaudeRejection(Texts.PromptTooLong) : GoogleRejection(Texts.PromptTooLongGemini);

        var error = GeminiProtocolErrors.Instance.FromUpstream(400, body);

        Assert.Equal(400, error.Status);
        var json = JsonNode.Parse(error.Json)!["error"]!;
        Assert.Equal("INVALID_ARGUMENT", json["status"]!.GetValue<string>());
        Assert.Contains(claude ? "prompt is too long" : "exceeds the maximum", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryCounts_NoNumbers_False()
    {
        Assert.False(PromptTooLong.TryCounts("prompt is too long", out _, out _));
    }
}
