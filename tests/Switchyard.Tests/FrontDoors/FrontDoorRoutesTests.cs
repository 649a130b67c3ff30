using Microsoft.AspNetCore.Http;
using Switchyard.FrontDoors;

namespace Switchyard.Tests.FrontDoors;

public sealed class FrontDoorRoutesTests
{
    private static string? ProtocolOf(string pathAndQuery, params (string Name, string Value)[] headers) => ProtocolOf("POST", pathAndQuery, headers);

    private static string? ProtocolOf(string method, string pathAndQuery, params (string Name, string Value)[] headers)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        http.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        return FrontDoorRoutes.ProtocolFor(http.Request)?.Protocol;
    }

    [Theory]
    [InlineData("/v1/messages", "anthropic")]
    [InlineData("/v1/messages/count_tokens", "anthropic")]
    [InlineData("/v1/messages/nope", "anthropic")]
    [InlineData("/v1/chat/completions", "openai")]
    [InlineData("/v1/responses", "responses")]
    [InlineData("/v1/responses/resp_1/input_items", "responses")]
    [InlineData("/responses/resp_1", "responses")]
    [InlineData("/v1/images/edits", "images")]
    [InlineData("/v1/images/nope", "images")]
    [InlineData("/v1beta/models/gemini-3-flash:generateContent", "gemini")]
    [InlineData("/v1beta/anything", "gemini")]
    [InlineData("/v1/models/gemini-3-flash:countTokens", "gemini")]
    [InlineData("/v1/unknown", "openai")]
    [InlineData("/v1/models/a/b/c", "gemini")]
    [InlineData("/V1/MESSAGES", "anthropic")]
    public void ProtocolFor_Path_PicksTheEnvelope(string path, string expected)
    {
        Assert.Equal(expected, ProtocolOf(path));
    }

    [Fact]
    public void ProtocolFor_GetOfAModelNamedWithAColon_FollowsTheCredentials()
    {
        Assert.Equal("anthropic", ProtocolOf("GET", "/v1/models/a:b", ("anthropic-version", "2023-06-01")));
    }

    [Fact]
    public void ProtocolFor_SharedRoute_FollowsTheCredentials()
    {
        Assert.Equal("gemini", ProtocolOf("GET", "/v1/models?key=k"));
        Assert.Equal("gemini", ProtocolOf("GET", "/v1/models", ("x-goog-api-key", "k")));
        Assert.Equal("anthropic", ProtocolOf("GET", "/v1/models", ("anthropic-version", "2023-06-01")));
        Assert.Equal("openai", ProtocolOf("GET", "/v1/models", ("Authorization", "Bearer k")));
        Assert.Equal("anthropic", ProtocolOf("GET", "/v1/unknown", ("x-api-key", "k")));
    }

    [Theory]
    [InlineData("POST", "/v1/images/edits", true)]
    [InlineData("POST", "/V1/IMAGES/EDITS", true)]
    [InlineData("POST", "/v1/images/generations", false)]
    [InlineData("GET", "/v1/images/edits", false)]
    [InlineData("POST", "/v1/images/edits/x", false)]
    [InlineData("POST", "/v1/responses", false)]
    public void IsUpload_OnlyAnImageEditPost(string method, string path, bool expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;

        Assert.Equal(expected, FrontDoorRoutes.IsUpload(http.Request));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/api/accounts")]
    [InlineData("/metrics")]
    [InlineData("/healthz")]
    [InlineData("/v1x/messages")]
    [InlineData("/api/hello")]
    public void ProtocolFor_OutsideTheFrontDoors_IsNone(string path)
    {
        Assert.Null(ProtocolOf(path));
    }
}
