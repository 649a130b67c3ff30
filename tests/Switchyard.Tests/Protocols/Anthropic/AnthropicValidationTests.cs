using System.Text;
using Switchyard.Protocols.Anthropic;

namespace Switchyard.Tests.Protocols.Anthropic;

public sealed class AnthropicValidationTests
{
    private static string? Error(string json)
    {
        var ok = AnthropicTranslator.TryRead(Encoding.UTF8.GetBytes(json), out var request, out var error);
        Assert.Equal(ok, request is not null);
        return error;
    }

    [Theory]
    [InlineData("""{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "model: Field required")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Field required")]
    [InlineData("""{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Input should be greater than or equal to 1")]
    [InlineData("""{"model":"m","max_tokens":10}""", "messages: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[]}""", "messages: at least one user or assistant message is required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"system","content":"only system"}]}""", "messages: at least one user or assistant message is required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"},{"role":"robot","content":"x"}]}""", "messages.1.role: Input should be 'user', 'assistant' or 'system'")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"content":"hi"},{"role":"user","content":"x"}]}""", "messages.0.role: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user"}]}""", "messages.0.content: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","name":"x","input":{}}]}]}""", "messages.1.content.0.id: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"tool_result","content":"x"}]}]}""", "messages.0.content.0.tool_use_id: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"image"}]}]}""", "messages.0.content.0.source: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"text":"no type"}]}]}""", "messages.0.content.0.type: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"tools":[{"input_schema":{}}]}""", "tools.0.name: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"tool_choice":{"type":"tool"}}""", "tool_choice.name: Field required")]
    public void TryRead_MissingOrInvalidField_NamesTheField(string json, string expected)
    {
        Assert.Equal(expected, Error(json));
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":"ten","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Input has the wrong type")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":42}]}""", "messages.0.content: Input should be a string or an array of content blocks")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":"nope"}""", "messages: Input has the wrong type")]
    public void TryRead_WrongJsonShape_NamesTheField(string json, string expected)
    {
        Assert.Equal(expected, Error(json));
    }

    [Theory]
    [InlineData("""{"model":"m",""")]
    [InlineData("not json")]
    public void TryRead_MalformedJson_ReportsInvalidJson(string json)
    {
        Assert.StartsWith("The request body is not valid JSON", Error(json));
    }

    [Fact]
    public void TryRead_NullBody_ReportsObjectExpected()
    {
        Assert.Equal("The request body must be a JSON object.", Error("null"));
    }

    [Fact]
    public void TryRead_ClaudeCodeShapes_Accepted()
    {
        const string json = """
            {"model":"claude-opus-5-5","max_tokens":128000,"stream":true,
             "metadata":{"user_id":"{\"device_id\":\"ab\",\"session_id\":\"s\"}"},
             "thinking":{"type":"adaptive","display":"omitted"},
             "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
             "output_config":{"effort":"medium"},
             "system":[{"type":"text","text":"You are a Claude agent.","cache_control":{"type":"ephemeral"}}],
             "tools":[{"name":"Later","description":"d","input_schema":{"type":"object"},"defer_loading":true}],
             "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]},
                         {"role":"system","content":[],"output_config":{"effort":"medium"}}]}
            """;
        Assert.Null(Error(json));
    }

    [Fact]
    public void InvalidRequest_Message_RendersAnthropicEnvelope()
    {
        var error = AnthropicErrors.InvalidRequest("model: Field required");
        Assert.Equal(400, error.Status);
        Assert.Equal("""{"type":"error","error":{"type":"invalid_request_error","message":"model: Field required"}}""", error.ToJson());
    }
}
