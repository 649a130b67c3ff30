using System.Text.Json.Nodes;
using Switchyard.Protocols.Anthropic;

namespace Switchyard.Tests.Protocols.Anthropic;

public sealed class AnthropicErrorsTests
{
    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(403, "permission_error")]
    [InlineData(404, "not_found_error")]
    [InlineData(413, "request_too_large")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "api_error")]
    [InlineData(529, "overloaded_error")]
    public void TypeForStatus_KnownStatus_AnthropicType(int status, string type)
    {
        Assert.Equal(type, AnthropicErrors.TypeForStatus(status));
    }

    [Theory]
    [InlineData(401, 500, "api_error")]
    [InlineData(403, 403, "permission_error")]
    [InlineData(404, 404, "not_found_error")]
    [InlineData(429, 429, "rate_limit_error")]
    [InlineData(500, 500, "api_error")]
    [InlineData(502, 500, "api_error")]
    [InlineData(503, 529, "overloaded_error")]
    [InlineData(529, 529, "overloaded_error")]
    [InlineData(408, 400, "invalid_request_error")]
    public void FromUpstream_Status_MapsStatusAndType(int upstream, int status, string type)
    {
        var error = AnthropicErrors.FromUpstream(upstream, """{"error":{"code":1,"message":"boom","status":"X"}}""");
        Assert.Equal(status, error.Status);
        Assert.Equal(type, error.Body.Error.Type);
        Assert.Equal("boom", error.Body.Error.Message);
    }

    [Fact]
    public void FromUpstream_DoubleWrappedClaude400_ClientSeesInnerMessage()
    {
        var inner = """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 215000 tokens > 200000 maximum"},"request_id":"req_vrtx_1"}""";
        var body = new JsonObject { ["error"] = new JsonObject { ["code"] = 400, ["status"] = "INVALID_ARGUMENT", ["message"] = inner } }.ToJsonString();

        var error = AnthropicErrors.FromUpstream(400, body);

        Assert.Equal("prompt is too long: 215000 tokens > 200000 maximum", error.Body.Error.Message);
        Assert.Contains("prompt is too long: 215000 tokens > 200000 maximum", error.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromUpstream_ArrayEnvelope_ReadsFirstError()
    {
        var error = AnthropicErrors.FromUpstream(429, """[{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota)."}}]""");
        Assert.Equal("Resource has been exhausted (e.g. check quota).", error.Body.Error.Message);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData(null)]
    public void FromUpstream_BodyWithoutMessage_GenericMessage(string? body)
    {
        var error = AnthropicErrors.FromUpstream(502, body);
        Assert.Equal("The upstream returned HTTP 502.", error.Body.Error.Message);
    }

    [Theory]
    [InlineData(529, "overloaded_error")]
    [InlineData(503, "overloaded_error")]
    [InlineData(500, "api_error")]
    public void StreamError_Status_ErrorEventWithType(int status, string type)
    {
        var item = AnthropicErrors.StreamError(status, "stream broke");
        Assert.Equal("error", item.EventType);
        var data = JsonNode.Parse(item.Data)!;
        Assert.Equal("error", (string?)data["type"]);
        Assert.Equal(type, (string?)data["error"]!["type"]);
        Assert.Equal("stream broke", (string?)data["error"]!["message"]);
    }
}
