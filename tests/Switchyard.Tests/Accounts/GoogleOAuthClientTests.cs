using System.Net;
using Switchyard.Accounts;

namespace Switchyard.Tests.Accounts;

public sealed class GoogleOAuthClientTests
{
    [Fact]
    public async Task BuildAuthorizeUrl_CarriesPkceS256StateAndOfflineAccess()
    {
        await using var services = TestServices.Create();

        var url = services.Get<GoogleOAuthClient>().BuildAuthorizeUrl("http://127.0.0.1:5000/oauth-callback", "st4te", "ch4llenge");

        Assert.StartsWith("https://accounts.google.com/o/oauth2/v2/auth?", url, StringComparison.Ordinal);
        foreach (var part in new[] { "client_id=test-client", "code_challenge=ch4llenge", "code_challenge_method=S256", "state=st4te", "access_type=offline", "response_type=code",
            "redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Foauth-callback" })
        {
            Assert.Contains(part, url, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("test-secret", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExchangeCodeAsync_SendsVerifierAndClient_ReadsTokens()
    {
        await using var services = TestServices.Create();
        services.Http.Callback = _ => Task.FromResult(FakeHttpMessageHandler.Json("""{"access_token": "ya29.a", "expires_in": 100, "refresh_token": "1//r"}"""));

        var result = await services.Get<GoogleOAuthClient>().ExchangeCodeAsync("4/code", "http://127.0.0.1/cb", "verifier-1", TestContext.Current.CancellationToken);

        Assert.Equal(new OAuthTokens("ya29.a", services.Time.GetUtcNow().AddSeconds(100), "1//r"), result.Value);
        var body = Assert.Single(services.Http.Requests).Body;
        Assert.Contains("code_verifier=verifier-1", body, StringComparison.Ordinal);
        Assert.Contains("grant_type=authorization_code", body, StringComparison.Ordinal);
        Assert.Contains("client_secret=test-secret", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error": "invalid_grant", "error_description": "Bad Request"}""", "InvalidGrant")]
    [InlineData(HttpStatusCode.Unauthorized, """{"error": "invalid_client"}""", "InvalidClient")]
    [InlineData(HttpStatusCode.InternalServerError, """{"error": "server_error"}""", "Transient")]
    [InlineData(HttpStatusCode.BadGateway, "<html>", "Transient")]
    [InlineData(HttpStatusCode.BadRequest, """{"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": "nope"}}""", "Rejected")]
    public async Task RefreshAsync_Errors_AreClassified(HttpStatusCode status, string body, string expected)
    {
        await using var services = TestServices.Create();
        services.Http.Callback = _ => Task.FromResult(FakeHttpMessageHandler.Json(body, status));

        var result = await services.Get<GoogleOAuthClient>().RefreshAsync("1//secret-token", TestContext.Current.CancellationToken);

        Assert.Equal(Enum.Parse<OAuthFailureKind>(expected), result.Failure!.Kind);
        Assert.DoesNotContain("secret-token", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshAsync_Unreachable_IsTransientAndNamesTheEndpoint()
    {
        await using var services = TestServices.Create();
        services.Http.Callback = _ => throw new HttpRequestException("Connection refused");

        var result = await services.Get<GoogleOAuthClient>().RefreshAsync("1//secret-token", TestContext.Current.CancellationToken);

        Assert.Equal(OAuthFailureKind.Transient, result.Failure!.Kind);
        Assert.Contains(TestServices.TokenUrl, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingClientMessage_NamesBothKeysAndHowToSetThem()
    {
        var message = new OAuthOptions().MissingClientMessage();

        Assert.Contains("OAuth:ClientId and OAuth:ClientSecret are not set", message, StringComparison.Ordinal);
        Assert.Contains("SWITCHYARD__OAuth__ClientId and SWITCHYARD__OAuth__ClientSecret", message, StringComparison.Ordinal);
        Assert.Contains("--set OAuth:ClientSecret=VALUE", message, StringComparison.Ordinal);
        Assert.Contains("--set OAuth:ClientId=", message, StringComparison.Ordinal);
        Assert.Contains("switchyard.json", message, StringComparison.Ordinal);
    }
}
