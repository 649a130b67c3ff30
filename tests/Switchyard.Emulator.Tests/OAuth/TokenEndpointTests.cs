using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Tests.OAuth;

public sealed class TokenEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_CodeWithPkce_ReturnsTokensThatUserinfoAccepts()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var code = await oauth.CodeAsync();

        var tokens = await oauth.TokenOkAsync(OAuthTestClient.ExchangeForm(code));

        Assert.StartsWith("ya29.emu-", (string?)tokens["access_token"], StringComparison.Ordinal);
        Assert.StartsWith("1//0emu-", (string?)tokens["refresh_token"], StringComparison.Ordinal);
        Assert.Equal(3599, (int?)tokens["expires_in"]);
        Assert.Equal("Bearer", (string?)tokens["token_type"]);
        Assert.Equal(OAuthTestClient.Scopes, (string?)tokens["scope"]);
        Assert.False(tokens.ContainsKey("id_token"));
        using var v2 = await oauth.UserInfoAsync((string?)tokens["access_token"]);
        using var v1 = await oauth.UserInfoAsync((string?)tokens["access_token"], "oauth2/v1/userinfo?alt=json");
        Assert.Equal(EmulatorFixture.Ada, (string?)(await EmulatorFixture.ReadJsonAsync(v2))["email"]);
        Assert.Equal(EmulatorFixture.Ada, (string?)(await EmulatorFixture.ReadJsonAsync(v1))["email"]);
    }

    [Fact]
    public async Task Token_CodeWithoutPkce_NeedsNoVerifier()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var code = await oauth.CodeAsync(OAuthTestClient.AuthorizeParameters(pkce: false));

        var tokens = await oauth.TokenOkAsync(OAuthTestClient.ExchangeForm(code, verifier: null));

        Assert.NotNull((string?)tokens["refresh_token"]);
    }

    [Fact]
    public async Task Token_OpenIdScope_ReturnsIdTokenNamingTheAccount()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);

        var tokens = await oauth.SignInAsync(OAuthTestClient.AuthorizeParameters(scope: OAuthTestClient.Scopes + " openid"));

        var parts = ((string?)tokens["id_token"])!.Split('.');
        Assert.Equal(3, parts.Length);
        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))))!;
        Assert.Equal(EmulatorFixture.Ada, (string?)payload["email"]);
        Assert.Equal(EmulatorOptions.DefaultClientId, (string?)payload["aud"]);
        Assert.False(string.IsNullOrEmpty((string?)payload["sub"]));
    }

    [Fact]
    public async Task Token_WrongVerifier_InvalidGrant()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var code = await oauth.CodeAsync();

        using var response = await oauth.TokenAsync(OAuthTestClient.ExchangeForm(code, verifier: new string('x', 43)));

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "Invalid code verifier.");
    }

    [Fact]
    public async Task Token_MissingVerifierForChallengedCode_InvalidGrant()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var code = await oauth.CodeAsync();

        using var response = await oauth.TokenAsync(OAuthTestClient.ExchangeForm(code, verifier: null));

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "Missing code verifier.");
    }

    [Fact]
    public async Task Token_ReusedCode_InvalidGrantBadRequest()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var code = await oauth.CodeAsync();
        await oauth.TokenOkAsync(OAuthTestClient.ExchangeForm(code));

        using var response = await oauth.TokenAsync(OAuthTestClient.ExchangeForm(code));

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "Bad Request");
    }

    [Fact]
    public async Task Token_CodeOlderThanTenMinutes_InvalidGrant()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var code = await oauth.CodeAsync();
        await emu.Control.AdvanceClockAsync(TimeSpan.FromMinutes(11), Ct);

        using var response = await oauth.TokenAsync(OAuthTestClient.ExchangeForm(code));

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "Bad Request");
    }

    [Fact]
    public async Task Token_CodeNineMinutesOld_StillExchanges()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var code = await oauth.CodeAsync();
        await emu.Control.AdvanceClockAsync(TimeSpan.FromMinutes(9), Ct);

        var tokens = await oauth.TokenOkAsync(OAuthTestClient.ExchangeForm(code));

        Assert.NotNull((string?)tokens["access_token"]);
    }

    [Theory]
    [InlineData("not-a-code", "Malformed auth code.")]
    [InlineData("4/0emu-never-issued", "Bad Request")]
    public async Task Token_UnknownCode_InvalidGrant(string code, string description)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);

        using var response = await oauth.TokenAsync(OAuthTestClient.ExchangeForm(code));

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", description);
    }

    [Fact]
    public async Task Token_RedirectDiffersFromAuthorize_RedirectUriMismatch()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var form = OAuthTestClient.ExchangeForm(await oauth.CodeAsync());
        form["redirect_uri"] = "http://localhost:51122/oauth-callback";

        using var response = await oauth.TokenAsync(form);

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "redirect_uri_mismatch");
    }

    [Theory]
    [InlineData("someone-else.apps.googleusercontent.com", EmulatorOptions.DefaultClientSecret, "The OAuth client was not found.")]
    [InlineData(EmulatorOptions.DefaultClientId, "wrong-secret", "Unauthorized")]
    public async Task Token_BadClient_UnauthorizedInvalidClient(string clientId, string secret, string description)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var form = OAuthTestClient.ExchangeForm(await oauth.CodeAsync());
        form["client_id"] = clientId;
        form["client_secret"] = secret;

        using var response = await oauth.TokenAsync(form);

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", description);
    }

    [Fact]
    public async Task Token_ClientCredentialsInBasicAuth_AreAccepted()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var form = OAuthTestClient.ExchangeForm(await oauth.CodeAsync());
        form.Remove("client_id");
        form.Remove("client_secret");
        var content = new StringContent(OAuthTestClient.Encode(form));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "token") { Content = content };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{EmulatorOptions.DefaultClientId}:{EmulatorOptions.DefaultClientSecret}")));

        using var response = await emu.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((string?)(await EmulatorFixture.ReadJsonAsync(response))["access_token"]);
    }

    [Fact]
    public async Task Token_ConfiguredClients_ReplaceTheBuiltInClient()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.PatchConfigAsync(JsonNode.Parse("""{"oauthClients":[{"clientId":"ide-client","clientSecret":"ide-secret"}]}""")!.AsObject(), Ct);
        var parameters = OAuthTestClient.AuthorizeParameters();
        parameters["client_id"] = "ide-client";
        var form = OAuthTestClient.ExchangeForm(await oauth.CodeAsync(parameters));
        form["client_id"] = "ide-client";
        form["client_secret"] = "ide-secret";

        var tokens = await oauth.TokenOkAsync(form);
        using var builtIn = await oauth.TokenAsync(OAuthTestClient.RefreshForm((string)tokens["refresh_token"]!));

        await OAuthTestClient.AssertErrorAsync(builtIn, HttpStatusCode.Unauthorized, "invalid_client", "The OAuth client was not found.");
    }

    [Fact]
    public async Task Token_CodeIssuedToAnotherClient_UnauthorizedClient()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.PatchConfigAsync(JsonNode.Parse(
            """{"oauthClients":[{"clientId":"a-client","clientSecret":"a-secret"},{"clientId":"b-client","clientSecret":"b-secret"}]}""")!.AsObject(), Ct);
        var parameters = OAuthTestClient.AuthorizeParameters();
        parameters["client_id"] = "a-client";
        var form = OAuthTestClient.ExchangeForm(await oauth.CodeAsync(parameters));
        form["client_id"] = "b-client";
        form["client_secret"] = "b-secret";

        using var response = await oauth.TokenAsync(form);

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client");
    }

    [Theory]
    [InlineData("authorization_code", "code", "Missing required parameter: code")]
    [InlineData("authorization_code", "redirect_uri", "Missing required parameter: redirect_uri")]
    [InlineData("authorization_code", "grant_type", "Missing required parameter: grant_type")]
    [InlineData("authorization_code", "client_id", "Could not determine client ID from request.")]
    [InlineData("authorization_code", "client_secret", "client_secret is missing.")]
    [InlineData("refresh_token", "refresh_token", "Missing required parameter: refresh_token")]
    public async Task Token_MissingParameter_InvalidRequestNamingIt(string grant, string missing, string description)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var form = grant == "refresh_token"
            ? OAuthTestClient.RefreshForm("1//0emu-anything")
            : OAuthTestClient.ExchangeForm(await oauth.CodeAsync());
        form.Remove(missing);

        using var response = await oauth.TokenAsync(form);

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", description);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code")]
    public async Task Token_UnsupportedGrant_UnsupportedGrantType(string grant)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var form = OAuthTestClient.RefreshForm("1//0emu-anything");
        form["grant_type"] = grant;

        using var response = await oauth.TokenAsync(form);

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task Token_JsonBody_InvalidRequest()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);

        using var response = await oauth.PostAsync("token", new StringContent("""{"grant_type":"refresh_token"}""", Encoding.UTF8, "application/json"));

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_BodyNotUtf8_InvalidRequest()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var content = new ByteArrayContent([.. "grant_type=refresh_token&refresh_token="u8, 0xFF, 0xFE]);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await oauth.PostAsync("token", content);

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_RepeatedParameter_InvalidRequest()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var content = new StringContent("grant_type=refresh_token&grant_type=authorization_code");
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await oauth.PostAsync("token", content);

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Refresh_ValidToken_ReturnsNewAccessTokenWithoutRefreshToken()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var first = await oauth.SignInAsync();
        var refreshToken = (string)first["refresh_token"]!;

        var refreshed = await oauth.TokenOkAsync(OAuthTestClient.RefreshForm(refreshToken));
        var again = await oauth.TokenOkAsync(OAuthTestClient.RefreshForm(refreshToken));

        Assert.False(refreshed.ContainsKey("refresh_token"));
        Assert.Equal("Bearer", (string?)refreshed["token_type"]);
        Assert.Equal(3599, (int?)refreshed["expires_in"]);
        Assert.Equal(OAuthTestClient.Scopes, (string?)refreshed["scope"]);
        Assert.NotEqual((string?)first["access_token"], (string?)refreshed["access_token"]);
        Assert.NotNull((string?)again["access_token"]);
        Assert.Equal(EmulatorFixture.Ada, await AuthorizeTests.UserInfoEmailAsync(oauth, refreshed));
    }

    [Fact]
    public async Task Refresh_TokenMintedThroughControl_Works()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var grant = await emu.Control.MintTokensAsync(EmulatorFixture.Grace, cancellationToken: Ct);

        var refreshed = await oauth.TokenOkAsync(OAuthTestClient.RefreshForm(grant.RefreshToken!));

        Assert.Equal(EmulatorFixture.Grace, await AuthorizeTests.UserInfoEmailAsync(oauth, refreshed));
    }

    [Fact]
    public async Task Refresh_RevokedToken_InvalidGrantExpiredOrRevoked()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var refreshToken = (string)(await oauth.SignInAsync())["refresh_token"]!;
        await emu.Control.RevokeTokensAsync(refreshToken: refreshToken, cancellationToken: Ct);

        using var response = await oauth.TokenAsync(OAuthTestClient.RefreshForm(refreshToken));

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.");
    }

    [Fact]
    public async Task Refresh_UnknownToken_InvalidGrantExpiredOrRevoked()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);

        using var response = await oauth.TokenAsync(OAuthTestClient.RefreshForm("1//0emu-never-issued"));

        await OAuthTestClient.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.");
    }

    [Fact]
    public async Task Refresh_RotationOn_IssuesNewRefreshTokenAndRevokesOld()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.PatchConfigAsync(new JsonObject { ["rotateRefreshTokens"] = true }, Ct);
        var original = (string)(await oauth.SignInAsync())["refresh_token"]!;

        var rotated = await oauth.TokenOkAsync(OAuthTestClient.RefreshForm(original));
        using var reuse = await oauth.TokenAsync(OAuthTestClient.RefreshForm(original));
        var next = await oauth.TokenOkAsync(OAuthTestClient.RefreshForm((string)rotated["refresh_token"]!));

        Assert.NotEqual(original, (string?)rotated["refresh_token"]);
        await OAuthTestClient.AssertErrorAsync(reuse, HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.");
        Assert.NotNull((string?)next["access_token"]);
    }

    [Fact]
    public async Task Refresh_TokenTtlConfigured_ExpiresInFollowsIt()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        await emu.Control.PatchConfigAsync(new JsonObject { ["tokenTtlSeconds"] = 120 }, Ct);
        var tokens = await oauth.SignInAsync();
        await emu.Control.AdvanceClockAsync(TimeSpan.FromSeconds(121), Ct);

        using var expired = await oauth.UserInfoAsync((string?)tokens["access_token"]);
        var refreshed = await oauth.TokenOkAsync(OAuthTestClient.RefreshForm((string)tokens["refresh_token"]!));

        Assert.Equal(120, (int?)tokens["expires_in"]);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(EmulatorFixture.Ada, await AuthorizeTests.UserInfoEmailAsync(oauth, refreshed));
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
}
