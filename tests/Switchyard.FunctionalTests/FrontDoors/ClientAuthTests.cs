using System.Net;
using System.Text;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.Hosting;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class ClientAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Key = "sk-test-frontdoor-key";

    private static Task<FrontDoorHarness> StartWithKeyAsync() => FrontDoorHarness.StartAsync(s =>
    {
        s["Auth:ApiKeys:0:Name"] = "tests";
        s["Auth:ApiKeys:0:Key"] = Key;
    });

    private static async Task<HttpResponseMessage> SendAsync(FrontDoorHarness h, string path, string body, Action<HttpRequestMessage> auth)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        auth(request);
        return await h.Client.SendAsync(request, Ct);
    }

    private const string Anthropic = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text ok]]"}]}""";
    private const string OpenAI = """{"model":"gemini-3-flash","messages":[{"role":"user","content":"[[emu:text ok]]"}]}""";
    private const string Gemini = """{"contents":[{"role":"user","parts":[{"text":"[[emu:text ok]]"}]}]}""";

    [Fact]
    public async Task Messages_WrongOrMissingKey_Returns401InEachEnvelopeWithoutUpstreamCall()
    {
        await using var h = await StartWithKeyAsync();
        using var anthropic = await SendAsync(h, "v1/messages", Anthropic, r => r.Headers.Add("x-api-key", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, anthropic.StatusCode);
        Assert.Equal("authentication_error", (string)(await FrontDoorHarness.JsonAsync(anthropic))["error"]!["type"]!);

        using var openai = await SendAsync(h, "v1/chat/completions", OpenAI, _ => { });
        Assert.Equal(HttpStatusCode.Unauthorized, openai.StatusCode);
        Assert.Equal("invalid_api_key", (string)(await FrontDoorHarness.JsonAsync(openai))["error"]!["code"]!);

        using var gemini = await SendAsync(h, "v1beta/models/gemini-3-flash:generateContent?key=wrong", Gemini, _ => { });
        Assert.Equal(HttpStatusCode.Unauthorized, gemini.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (string)(await FrontDoorHarness.JsonAsync(gemini))["error"]!["status"]!);

        Assert.Empty(await h.GenerateCallsAsync());
    }

    [Fact]
    public async Task Requests_RightKeyInAnyPlace_AreServed()
    {
        await using var h = await StartWithKeyAsync();
        using var xApiKey = await SendAsync(h, "v1/messages", Anthropic, r =>
        {
            r.Headers.Add("x-api-key", Key);
            r.Headers.Add("anthropic-version", "2099-01-01");
            r.Headers.Add("anthropic-beta", "some-unknown-beta-2030");
        });
        Assert.Equal(HttpStatusCode.OK, xApiKey.StatusCode);
        using var bearer = await SendAsync(h, "v1/chat/completions", OpenAI, r => r.Headers.Add("Authorization", "Bearer " + Key));
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        using var goog = await SendAsync(h, "v1beta/models/gemini-3-flash:generateContent", Gemini, r => r.Headers.Add("x-goog-api-key", Key));
        Assert.Equal(HttpStatusCode.OK, goog.StatusCode);
        using var query = await SendAsync(h, $"v1beta/models/gemini-3-flash:generateContent?key={Key}", Gemini, _ => { });
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(4, (await h.GenerateCallsAsync()).Count);
    }

    [Fact]
    public async Task Models_WrongKey_Returns401()
    {
        await using var h = await StartWithKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Add("Authorization", "Bearer nope");
        using var response = await h.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Start_NonLoopbackHostWithoutKeys_FailsStartupCheck()
    {
        await using var accounts = await AccountsHarness.StartAsync();
        accounts.Settings["Server:Host"] = "0.0.0.0";
        var error = await Assert.ThrowsAsync<StartupException>(() => accounts.StartGatewayAsync());
        Assert.Contains(error.Errors, e => e.Contains("Auth:ApiKeys", StringComparison.Ordinal));
    }
}
