using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.OAuth;

public sealed class AuthorizeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("o/oauth2/v2/auth")]
    [InlineData("o/oauth2/auth")]
    public async Task Authorize_ValidRequest_RedirectsWithStateCodeAndGrantedScope(string path)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);

        using var response = await oauth.AuthorizeAsync(OAuthTestClient.AuthorizeParameters(), path);

        var query = OAuthTestClient.RedirectQuery(response);
        Assert.Equal(["state", "code", "scope", "authuser", "prompt"], query.Keys);
        Assert.Equal(OAuthTestClient.State, query["state"]);
        Assert.StartsWith("4/", query["code"], StringComparison.Ordinal);
        Assert.Equal(OAuthTestClient.Scopes, query["scope"]);
        Assert.Equal("0", query["authuser"]);
        Assert.Equal("consent", query["prompt"]);
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsErrorPageWithoutRedirect()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var parameters = OAuthTestClient.AuthorizeParameters();
        parameters["client_id"] = "someone-else.apps.googleusercontent.com";

        using var response = await oauth.AuthorizeAsync(parameters);

        await AssertErrorPageAsync(response, "invalid_client");
    }

    [Theory]
    [InlineData("https://evil.example.com/oauth-callback")]
    [InlineData("http://localhost:51121@evil.example.com/oauth-callback")]
    [InlineData("not a uri")]
    public async Task Authorize_RedirectNotAllowlisted_ShowsErrorPageWithoutRedirect(string redirect)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var parameters = OAuthTestClient.AuthorizeParameters();
        parameters["redirect_uri"] = redirect;

        using var response = await oauth.AuthorizeAsync(parameters);

        await AssertErrorPageAsync(response, "redirect_uri_mismatch");
    }

    [Fact]
    public async Task Authorize_RedirectAllowlistConfigured_AcceptsMatchingRedirectOnly()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.PatchConfigAsync(new JsonObject { ["redirectAllowlist"] = new JsonArray("http://localhost:51121/*") }, Ct);
        var other = OAuthTestClient.AuthorizeParameters();
        other["redirect_uri"] = "http://localhost:9999/oauth-callback";

        using var allowed = await oauth.AuthorizeAsync(OAuthTestClient.AuthorizeParameters());
        using var rejected = await oauth.AuthorizeAsync(other);

        Assert.Equal(HttpStatusCode.Found, allowed.StatusCode);
        await AssertErrorPageAsync(rejected, "redirect_uri_mismatch");
    }

    [Theory]
    [InlineData("client_id", null, "invalid_request")]
    [InlineData("redirect_uri", null, "invalid_request")]
    [InlineData("response_type", null, "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("scope", null, "invalid_request")]
    [InlineData("scope", "  ", "invalid_request")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("code_challenge_method", null, "invalid_request")]
    [InlineData("code_challenge", "short", "invalid_request")]
    public async Task Authorize_BadParameter_ShowsErrorPageWithoutRedirect(string name, string? value, string error)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var parameters = OAuthTestClient.AuthorizeParameters();
        parameters[name] = value;

        using var response = await oauth.AuthorizeAsync(parameters);

        await AssertErrorPageAsync(response, error);
    }

    [Fact]
    public async Task Authorize_ConsentQueueDeny_RedirectsWithAccessDeniedAndState()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.QueueConsentAsync(EmulatorFixture.Ada, approve: false, Ct);

        var query = await oauth.AuthorizeRedirectAsync();

        Assert.Equal(["error", "state"], query.Keys);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal(OAuthTestClient.State, query["state"]);
    }

    [Fact]
    public async Task Authorize_QueuedDenyWithoutEmail_RedirectsWithAccessDenied()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        using var content = new StringContent("""{"action":"deny"}""", System.Text.Encoding.UTF8, "application/json");
        using var queued = await emu.Http.PostAsync("__emulator/oauth/consent", content, Ct);

        var query = await oauth.AuthorizeRedirectAsync();
        var entry = Assert.Single(await emu.Control.GetRequestsAsync(label: "oauth", rpc: "authorize", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        Assert.Equal("access_denied", query["error"]);
        Assert.Null(entry.Email);
    }

    [Fact]
    public async Task Authorize_ConsentQueue_PicksQueuedAccountsInOrderThenFirstAccount()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.QueueConsentAsync(EmulatorFixture.Grace, cancellationToken: Ct);
        await emu.Control.QueueConsentAsync(EmulatorFixture.Grace, cancellationToken: Ct);

        var first = await UserInfoEmailAsync(oauth, await oauth.SignInAsync());
        var second = await UserInfoEmailAsync(oauth, await oauth.SignInAsync());
        var third = await UserInfoEmailAsync(oauth, await oauth.SignInAsync());

        Assert.Equal([EmulatorFixture.Grace, EmulatorFixture.Grace, EmulatorFixture.Ada], [first, second, third]);
    }

    [Fact]
    public async Task Authorize_EmptyQueue_ApprovesFirstAccountByInsertionOrder()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);

        // Ada leaves and comes back: Grace is now the account added first.
        await emu.Control.DeleteAccountAsync(EmulatorFixture.Ada, Ct);
        await emu.Control.PutAccountAsync(new AccountSeed { Email = EmulatorFixture.Ada, Name = "Ada Lovelace" }, Ct);

        Assert.Equal(EmulatorFixture.Grace, await UserInfoEmailAsync(oauth, await oauth.SignInAsync()));
    }

    [Fact]
    public async Task QueueConsent_UnknownEmailOrAction_BadRequestNamingIt()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        var unknownEmail = await Assert.ThrowsAsync<HttpRequestException>(() => emu.Control.QueueConsentAsync("nobody@example.com", cancellationToken: Ct));
        using var content = new StringContent("""{"email":"ada@example.com","action":"maybe"}""", System.Text.Encoding.UTF8, "application/json");
        using var unknownAction = await emu.Http.PostAsync("__emulator/oauth/consent", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknownEmail.StatusCode);
        Assert.Contains("nobody@example.com", unknownEmail.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownAction.StatusCode);
        Assert.Contains("maybe", (string?)(await EmulatorFixture.ReadJsonAsync(unknownAction))["error"], StringComparison.Ordinal);
        var pending = await emu.Control.GetPendingConsentAsync(Ct);
        Assert.Empty(pending["consent"]!.AsArray());
    }

    [Fact]
    public async Task PendingConsent_AfterQueueing_ListsOutcomesInOrder()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.QueueConsentAsync(EmulatorFixture.Grace, cancellationToken: Ct);
        await emu.Control.QueueConsentAsync(EmulatorFixture.Ada, approve: false, Ct);

        var pending = await emu.Control.GetPendingConsentAsync(Ct);

        Assert.Equal(
            """[{"email":"grace@example.com","action":"approve"},{"email":"ada@example.com","action":"deny"}]""",
            pending["consent"]!.ToJsonString());
    }

    internal static async Task AssertErrorPageAsync(HttpResponseMessage response, string error)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<span id=\"error\">{error}</span>", html, StringComparison.Ordinal);
    }

    internal static async Task<string?> UserInfoEmailAsync(OAuthTestClient oauth, JsonObject tokens)
    {
        using var response = await oauth.UserInfoAsync((string?)tokens["access_token"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string?)(await EmulatorFixture.ReadJsonAsync(response))["email"];
    }
}
