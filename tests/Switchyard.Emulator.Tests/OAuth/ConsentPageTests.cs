using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Tests.OAuth;

public sealed class ConsentPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authorize_AutoConsentOff_ShowsAccountChooserWithStableButtons()
    {
        await using var emu = await StartWithConsentPageAsync();
        using var oauth = new OAuthTestClient(emu);

        using var response = await oauth.AuthorizeAsync(OAuthTestClient.AuthorizeParameters());
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("""data-email="ada@example.com">""", html, StringComparison.Ordinal);
        Assert.Contains("""data-email="grace@example.com">""", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("ada@example.com", StringComparison.Ordinal) < html.IndexOf("grace@example.com", StringComparison.Ordinal));
        Assert.Contains("""id="deny" """, html, StringComparison.Ordinal);
        Assert.Contains("""<form id="consent" method="post" action="/o/oauth2/v2/consent">""", html, StringComparison.Ordinal);
        var hidden = OAuthTestClient.HiddenFields(html);
        Assert.Equal(OAuthTestClient.State, hidden["state"]);
        Assert.Equal(OAuthTestClient.Challenge, hidden["code_challenge"]);
    }

    [Fact]
    public async Task Consent_ApproveButton_RedirectsWithCodeForThatAccount()
    {
        await using var emu = await StartWithConsentPageAsync();
        using var oauth = new OAuthTestClient(emu);
        var form = await ConsentFormAsync(oauth);
        form["email"] = EmulatorFixture.Grace;

        using var response = await oauth.PostAsync("o/oauth2/v2/consent", new FormUrlEncodedContent(form));

        var query = OAuthTestClient.RedirectQuery(response);
        Assert.Equal(OAuthTestClient.State, query["state"]);
        var tokens = await oauth.TokenOkAsync(OAuthTestClient.ExchangeForm(query["code"]));
        Assert.Equal(EmulatorFixture.Grace, await AuthorizeTests.UserInfoEmailAsync(oauth, tokens));
    }

    [Fact]
    public async Task Consent_DenyButton_RedirectsWithAccessDenied()
    {
        await using var emu = await StartWithConsentPageAsync();
        using var oauth = new OAuthTestClient(emu);
        var form = await ConsentFormAsync(oauth);
        form["action"] = "deny";

        using var response = await oauth.PostAsync("o/oauth2/v2/consent", new FormUrlEncodedContent(form));

        var query = OAuthTestClient.RedirectQuery(response);
        Assert.Equal("access_denied", query["error"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Consent_TamperedRedirect_ShowsErrorPageWithoutRedirect()
    {
        await using var emu = await StartWithConsentPageAsync();
        using var oauth = new OAuthTestClient(emu);
        var form = await ConsentFormAsync(oauth);
        form["redirect_uri"] = "https://evil.example.com/cb";
        form["email"] = EmulatorFixture.Ada;

        using var response = await oauth.PostAsync("o/oauth2/v2/consent", new FormUrlEncodedContent(form));

        await AuthorizeTests.AssertErrorPageAsync(response, "redirect_uri_mismatch");
    }

    private static async Task<EmulatorFixture> StartWithConsentPageAsync()
    {
        var emu = await EmulatorFixture.StartAsync();
        await emu.Control.PatchConfigAsync(new JsonObject { ["autoConsent"] = false }, Ct);
        return emu;
    }

    /// <summary>Loads the consent page and returns its hidden fields, as a browser would post them.</summary>
    private static async Task<Dictionary<string, string>> ConsentFormAsync(OAuthTestClient oauth)
    {
        using var page = await oauth.AuthorizeAsync(OAuthTestClient.AuthorizeParameters());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return OAuthTestClient.HiddenFields(await page.Content.ReadAsStringAsync(Ct))
            .ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal);
    }
}
