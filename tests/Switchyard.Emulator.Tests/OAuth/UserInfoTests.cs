using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.OAuth;

public sealed class UserInfoTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UserInfo_ValidToken_ReturnsProfile()
    {
        await using var emu = await EmulatorFixture.StartAsync(new EmulatorOptions
        {
            Accounts = [new AccountSeed { Email = "ada@corp.example", Name = "Ada Lovelace", Sub = "109876543210", Hd = "corp.example" }],
        });
        using var oauth = new OAuthTestClient(emu);
        var token = await emu.TokenAsync("ada@corp.example");

        using var response = await oauth.UserInfoAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Equal("109876543210", (string?)body["id"]);
        Assert.Equal("ada@corp.example", (string?)body["email"]);
        Assert.True((bool?)body["verified_email"]);
        Assert.Equal("Ada Lovelace", (string?)body["name"]);
        Assert.Equal("Ada", (string?)body["given_name"]);
        Assert.Equal("Lovelace", (string?)body["family_name"]);
        Assert.StartsWith("https://", (string?)body["picture"], StringComparison.Ordinal);
        Assert.Equal("corp.example", (string?)body["hd"]);
    }

    [Fact]
    public async Task UserInfo_TokenWithoutEmailScope_OmitsEmail()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);

        var tokens = await oauth.SignInAsync(OAuthTestClient.AuthorizeParameters(scope: "https://www.googleapis.com/auth/cloud-platform"));
        using var response = await oauth.UserInfoAsync((string?)tokens["access_token"]);

        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.ContainsKey("email"));
        Assert.NotNull((string?)body["id"]);
    }

    [Theory]
    [InlineData("ya29.emu-not-a-real-token")]
    [InlineData(null)]
    public async Task UserInfo_BadOrMissingToken_UnauthenticatedEnvelope(string? token)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);

        using var response = await oauth.UserInfoAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await EmulatorFixture.ReadJsonAsync(response))["error"]!.AsObject();
        Assert.Equal(401, (int?)error["code"]);
        Assert.Equal("UNAUTHENTICATED", (string?)error["status"]);
        Assert.StartsWith(
            token is null ? "Request is missing required authentication credential" : "Request had invalid authentication credentials",
            (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserInfo_ExpiredToken_Unauthenticated()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var token = await emu.TokenAsync(ttlSeconds: 60);
        await emu.Control.AdvanceClockAsync(TimeSpan.FromSeconds(61), Ct);

        using var response = await oauth.UserInfoAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"]!["status"]);
    }

    [Fact]
    public async Task UserInfo_RevokedAccount_Unauthenticated()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var token = await emu.TokenAsync();
        await emu.Control.RevokeTokensAsync(email: EmulatorFixture.Ada, cancellationToken: Ct);

        using var response = await oauth.UserInfoAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.IsType<JsonObject>((await EmulatorFixture.ReadJsonAsync(response))["error"]);
    }
}
