using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchyard.Emulator.Tests.OAuth;

/// <summary>Drives the emulator's OAuth endpoints the way an installed app does, without following redirects.</summary>
internal sealed partial class OAuthTestClient : IDisposable
{
    public const string Redirect = "http://localhost:51121/oauth-callback";
    public const string Scopes =
        "https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile";

    /// <summary>A fixed PKCE verifier and its S256 challenge (computed independently of the emulator).</summary>
    public const string Verifier = "dBjftJeZ4CVP-mJ92K1qqUd5Ng0JyYzMn0aoY0vrWzK0";
    public const string Challenge = "jtxEYE-4ntbwxWIA33jjE2uwqIWUdFnFjOUx4WrvtEU";
    public const string State = "eyJ2ZXJpZmllciI6InN0YXRlLXNlY3JldCJ9";

    private readonly HttpClient _http;

    public OAuthTestClient(EmulatorFixture emu)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emu.Server.BaseUrl };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Dictionary<string, string?> AuthorizeParameters(bool pkce = true, string scope = Scopes) => new()
    {
        ["client_id"] = EmulatorOptions.DefaultClientId,
        ["response_type"] = "code",
        ["redirect_uri"] = Redirect,
        ["scope"] = scope,
        ["access_type"] = "offline",
        ["prompt"] = "consent",
        ["state"] = State,
        ["code_challenge"] = pkce ? Challenge : null,
        ["code_challenge_method"] = pkce ? "S256" : null,
    };

    public Task<HttpResponseMessage> AuthorizeAsync(Dictionary<string, string?> parameters, string path = "o/oauth2/v2/auth") =>
        _http.GetAsync(path + "?" + Encode(parameters), Ct);

    /// <summary>Authorizes and returns the redirect's query; fails the test unless authorize answered 302 to the redirect URI.</summary>
    public async Task<Dictionary<string, string>> AuthorizeRedirectAsync(Dictionary<string, string?>? parameters = null)
    {
        using var response = await AuthorizeAsync(parameters ?? AuthorizeParameters());
        return RedirectQuery(response);
    }

    public async Task<string> CodeAsync(Dictionary<string, string?>? parameters = null) =>
        (await AuthorizeRedirectAsync(parameters))["code"];

    public static Dictionary<string, string> RedirectQuery(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Redirect + "?", location.OriginalString, StringComparison.Ordinal);
        return ParseQuery(location.Query);
    }

    public static Dictionary<string, string?> ExchangeForm(string code, string? verifier = Verifier) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = Redirect,
        ["client_id"] = EmulatorOptions.DefaultClientId,
        ["client_secret"] = EmulatorOptions.DefaultClientSecret,
        ["code_verifier"] = verifier,
    };

    public static Dictionary<string, string?> RefreshForm(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = EmulatorOptions.DefaultClientId,
        ["client_secret"] = EmulatorOptions.DefaultClientSecret,
    };

    /// <summary>POSTs the form as the TS client does (<c>application/x-www-form-urlencoded;charset=UTF-8</c>).</summary>
    public Task<HttpResponseMessage> TokenAsync(Dictionary<string, string?> form)
    {
        var content = new StringContent(Encode(form));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded;charset=UTF-8");
        return PostAsync("token", content);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        using (content)
        {
            return await _http.PostAsync(path, content, Ct);
        }
    }

    /// <summary>Token call that must succeed; returns its body.</summary>
    public async Task<JsonObject> TokenOkAsync(Dictionary<string, string?> form)
    {
        using var response = await TokenAsync(form);
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>The whole PKCE code flow; returns the token response.</summary>
    public async Task<JsonObject> SignInAsync(Dictionary<string, string?>? parameters = null) =>
        await TokenOkAsync(ExchangeForm(await CodeAsync(parameters)));

    public Task<HttpResponseMessage> UserInfoAsync(string? accessToken, string path = "oauth2/v2/userinfo")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await _http.SendAsync(request, Ct);
        }
    }

    /// <summary>Asserts an OAuth error body and status.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, string? description = null)
    {
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(error, (string?)body["error"]);
        if (description is not null)
        {
            Assert.Equal(description, (string?)body["error_description"]);
        }
    }

    /// <summary>The hidden inputs of the consent page's form.</summary>
    public static Dictionary<string, string?> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["name"].Value),
            m => (string?)WebUtility.HtmlDecode(m.Groups["value"].Value),
            StringComparer.Ordinal);

    public static string Encode(Dictionary<string, string?> parameters) =>
        string.Join('&', parameters.Where(p => p.Value is not null)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value!)));

    public static Dictionary<string, string> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(
                kv => Uri.UnescapeDataString(kv[0].Replace('+', ' ')),
                kv => kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "",
                StringComparer.Ordinal);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
