using System.Text.Json;

namespace Switchyard.Emulator.Tests.OAuth;

public sealed class OAuthJournalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Journal_FullFlow_RecordsCallsWithoutSecrets()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var oauth = new OAuthTestClient(emu);
        var code = await oauth.CodeAsync();
        var tokens = await oauth.TokenOkAsync(OAuthTestClient.ExchangeForm(code));
        var refreshToken = (string)tokens["refresh_token"]!;
        var refreshed = await oauth.TokenOkAsync(OAuthTestClient.RefreshForm(refreshToken));
        using var userinfo = await oauth.UserInfoAsync((string?)refreshed["access_token"]);
        using var reused = await oauth.TokenAsync(OAuthTestClient.ExchangeForm(code));

        var entries = await emu.Control.GetRequestsAsync(label: "oauth", cancellationToken: Ct);

        Assert.Equal(
            ["authorize", "token", "token", "userinfo", "token"],
            entries.Select(e => e.Rpc));
        Assert.Equal(
            [null, "authorization_code", "refresh_token", null, "authorization_code"],
            entries.Select(e => e.GrantType));
        Assert.All(entries, e => Assert.Equal(EmulatorFixture.Ada, e.Email));
        Assert.Equal([302, 200, 200, 200, 400], entries.Select(e => e.Status));
        var journal = JsonSerializer.Serialize(entries, EmulatorJsonContext.Default.ListJournalEntry);
        string[] secrets =
        [
            code, Uri.EscapeDataString(code), refreshToken, Uri.EscapeDataString(refreshToken),
            (string)tokens["access_token"]!, (string)refreshed["access_token"]!,
            OAuthTestClient.Verifier, OAuthTestClient.State, EmulatorOptions.DefaultClientSecret,
        ];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, journal, StringComparison.Ordinal));
        Assert.Contains("client_secret=[redacted]", entries[1].Body, StringComparison.Ordinal);
    }
}
