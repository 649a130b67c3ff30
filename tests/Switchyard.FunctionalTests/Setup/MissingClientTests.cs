using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.RequestLog;

namespace Switchyard.FunctionalTests.Setup;

/// <summary>An imported account whose token must be refreshed while no OAuth client is configured.</summary>
public sealed class MissingClientTests
{
    [Fact]
    public async Task Messages_NoOAuthClientAndTokenExpired_500NamingTheKeysInitAndTheGuide_NotOverloaded()
    {
        await using var h = await RequestLogHarness.StartAsync(s =>
        {
            s.Remove("OAuth:ClientId");
            s.Remove("OAuth:ClientSecret");
        });
        h.Accounts.Time.Advance(TimeSpan.FromHours(2));

        using var response = await h.PostAsync("v1/messages", RequestLogHarness.Anthropic);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(RequestLogHarness.Ct))!["error"]!;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("api_error", (string?)error["type"]);
        var message = (string?)error["message"];
        Assert.Contains("OAuth:ClientId and OAuth:ClientSecret are not set", message, StringComparison.Ordinal);
        Assert.Contains("switchyard init", message, StringComparison.Ordinal);
        Assert.Contains("docs/google-oauth.md", message, StringComparison.Ordinal);
    }
}
