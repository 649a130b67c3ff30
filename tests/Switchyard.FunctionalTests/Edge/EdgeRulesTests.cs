using System.Net;
using System.Text;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Edge;

/// <summary>
/// The edge's rules through the running gateway: DNS rebinding (Host), cross-site requests (Origin, Sec-Fetch-Site),
/// blind POSTs without a JSON content type, unmatched routes; each refusal in the route's envelope and nothing sent
/// upstream.
/// </summary>
public sealed class EdgeRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Messages = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
    private const string Chat = """{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}]}""";
    private const string Generate = """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";
    private const string Responses = """{"model":"gemini-3-flash","input":"hi"}""";
    private const string Image = """{"model":"gemini-3.1-flash-image","prompt":"a cat"}""";

    /// <summary>Every route family: method, path, body (null: none), envelope.</summary>
    public static TheoryData<string, string, string?, string> Routes() => new()
    {
        { "POST", "v1/messages", Messages, Envelopes.Anthropic },
        { "POST", "v1/messages/count_tokens", Messages, Envelopes.Anthropic },
        { "POST", "v1/chat/completions", Chat, Envelopes.OpenAI },
        { "POST", "v1beta/models/gemini-3-flash:generateContent", Generate, Envelopes.Gemini },
        { "POST", "v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse", Generate, Envelopes.Gemini },
        { "POST", "v1/responses", Responses, Envelopes.OpenAI },
        { "POST", "responses", Responses, Envelopes.OpenAI },
        { "GET", "v1/responses/resp_1", null, Envelopes.OpenAI },
        { "POST", "v1/images/generations", Image, Envelopes.OpenAI },
        { "GET", "v1/models", null, Envelopes.OpenAI },
        { "GET", "v1beta/models", null, Envelopes.Gemini },
        { "GET", "metrics", null, Envelopes.Plain },
        { "GET", "healthz", null, Envelopes.Plain },
        { "GET", "", null, Envelopes.Plain },
        { "GET", "admin/api/accounts", null, Envelopes.Plain },
    };

    private static HttpRequestMessage Request(string method, string path, string? body, Action<HttpRequestMessage>? configure = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        configure?.Invoke(request);
        return request;
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(FrontDoorHarness h, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await h.Client.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
    }

    private static async Task AssertNothingSentUpstreamAsync(FrontDoorHarness h) => Assert.Empty(await h.GenerateCallsAsync());

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnyRoute_RebindingHost_Is403InItsEnvelope(string method, string path, string? body, string envelope)
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var (status, text) = await SendAsync(h, Request(method, path, body, r => r.Headers.Host = "rebind.attacker.example:8045"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Envelopes.AssertError(envelope, 403, text);
        Assert.Contains("Host", text, StringComparison.Ordinal);
        await AssertNothingSentUpstreamAsync(h);
    }

    [Fact]
    public async Task FrontDoor_HostInAllowedHosts_IsServed()
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["Server:AllowedHosts:0"] = "*.gateway.test");

        var (status, text) = await SendAsync(h, Request("POST", "v1/messages", Messages, r => r.Headers.Host = "box.gateway.test"));

        Assert.True(status == HttpStatusCode.OK, text);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnyRoute_CrossSiteOrigin_Is403InItsEnvelope(string method, string path, string? body, string envelope)
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var (status, text) = await SendAsync(h, Request(method, path, body, r =>
        {
            r.Headers.Add("Origin", "https://attacker.example");
            r.Headers.Add("Sec-Fetch-Site", "cross-site");
            r.Headers.Add("Sec-Fetch-Mode", "cors");
        }));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Envelopes.AssertError(envelope, 403, text);
        await AssertNothingSentUpstreamAsync(h);
    }

    [Fact]
    public async Task FrontDoor_SecFetchSiteCrossSiteWithoutOrigin_Is403()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var (status, text) = await SendAsync(h, Request("POST", "v1/chat/completions", Chat, r => r.Headers.Add("Sec-Fetch-Site", "cross-site")));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Envelopes.AssertError(Envelopes.OpenAI, 403, text);
    }

    [Fact]
    public async Task FrontDoor_AllowListedBrowserApp_IsServedWithCorsAndItsPreflightAnswered()
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["Server:AllowedOrigins:0"] = "http://localhost:3000");
        void FromApp(HttpRequestMessage r)
        {
            r.Headers.Add("Origin", "http://localhost:3000");
            r.Headers.Add("Sec-Fetch-Site", "same-site");
        }

        using var preflight = await h.Client.SendAsync(Request("OPTIONS", "v1/messages", null, r =>
        {
            FromApp(r);
            r.Headers.Add("Access-Control-Request-Method", "POST");
            r.Headers.Add("Access-Control-Request-Headers", "content-type,anthropic-version");
        }), Ct);
        using var served = await h.Client.SendAsync(Request("POST", "v1/messages", Messages, FromApp), Ct);
        var (adminStatus, adminText) = await SendAsync(h, Request("POST", $"admin/api/accounts/{AccountsHarness.Ada}/disable", "{}", FromApp));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("http://localhost:3000", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("anthropic-version", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("http://localhost:3000", Assert.Single(served.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(HttpStatusCode.Forbidden, adminStatus);
        Envelopes.AssertError(Envelopes.Plain, 403, adminText);
    }

    [Fact]
    public async Task FrontDoor_SameOriginBrowserRequest_IsServed()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var origin = h.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var (status, text) = await SendAsync(h, Request("POST", "v1/messages", Messages, r =>
        {
            r.Headers.Add("Origin", origin);
            r.Headers.Add("Sec-Fetch-Site", "same-origin");
        }));

        Assert.True(status == HttpStatusCode.OK, text);
    }

    [Theory]
    [InlineData("v1/messages", Messages, Envelopes.Anthropic)]
    [InlineData("v1/chat/completions", Chat, Envelopes.OpenAI)]
    [InlineData("v1beta/models/gemini-3-flash:generateContent", Generate, Envelopes.Gemini)]
    [InlineData("v1/responses", Responses, Envelopes.OpenAI)]
    [InlineData("responses", Responses, Envelopes.OpenAI)]
    [InlineData("v1/images/generations", Image, Envelopes.OpenAI)]
    [InlineData("v1/images/edits", Image, Envelopes.OpenAI)]
    public async Task FrontDoor_BlindPostWithoutContentType_Is415AndNothingIsSent(string path, string body, string envelope)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };

        var (status, text) = await SendAsync(h, request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Envelopes.AssertError(envelope, 415, text);
        await AssertNothingSentUpstreamAsync(h);
    }

    [Theory]
    [InlineData("GET", "v1/nothing", Envelopes.OpenAI, 404)]
    [InlineData("GET", "v1beta/nothing", Envelopes.Gemini, 404)]
    [InlineData("DELETE", "v1/messages", Envelopes.Anthropic, 405)]
    [InlineData("GET", "v1/chat/completions", Envelopes.OpenAI, 405)]
    [InlineData("PUT", "v1beta/models/gemini-3-flash:generateContent", Envelopes.Gemini, 405)]
    [InlineData("GET", "v1/responses", Envelopes.OpenAI, 405)]
    [InlineData("DELETE", "v1/responses", Envelopes.OpenAI, 405)]
    [InlineData("GET", "v1/responses/resp_1/input_items", Envelopes.OpenAI, 404)]
    [InlineData("PUT", "responses", Envelopes.OpenAI, 405)]
    [InlineData("GET", "v1/images/generations", Envelopes.OpenAI, 405)]
    [InlineData("GET", "v1/images/variations", Envelopes.OpenAI, 404)]
    [InlineData("GET", "admin/api/nothing", Envelopes.Plain, 404)]
    [InlineData("GET", "nothing/at/all", Envelopes.Plain, 404)]
    public async Task UnmatchedRoute_AnswersInThePrefixsEnvelope(string method, string path, string envelope, int expected)
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var (status, text) = await SendAsync(h, Request(method, path, null));

        Assert.Equal(expected, (int)status);
        Envelopes.AssertError(envelope, expected, text);
    }

    /// <summary>A multipart form reaches only the image edit route; a form the edit cannot read is still refused at the edge.</summary>
    [Theory]
    [InlineData("v1/images/edits", "multipart/form-data; boundary=b", true)]
    [InlineData("v1/images/edits", "application/x-www-form-urlencoded", false)]
    [InlineData("v1/images/edits", "multipart/form-data", false)]
    [InlineData("v1/images/generations", "multipart/form-data; boundary=b", false)]
    [InlineData("v1/responses", "multipart/form-data; boundary=b", false)]
    [InlineData("v1/chat/completions", "multipart/form-data; boundary=b", false)]
    public async Task FrontDoor_MultipartForm_OnlyOnTheImageEditRoute(string path, string contentType, bool passes)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        const string form = "--b\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nMake it purple\r\n--b--\r\n";

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes(form)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var (status, text) = await SendAsync(h, request);

        if (passes)
        {
            // Past the edge, the edit itself reads the form: no image is its own 400 naming the field.
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("\"param\":\"image\"", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
            Envelopes.AssertError(Envelopes.OpenAI, 415, text);
        }

        await AssertNothingSentUpstreamAsync(h);
    }

    /// <summary>An upload is held within the same buffering budget as every JSON body: a chunked form growing past it is refused.</summary>
    [Fact]
    public async Task ImageEdit_ChunkedFormBeyondTheBufferingBudget_Is503AndNothingIsSent()
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["Server:MaxBufferedBodyBytes"] = "1048576");
        var head = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes("\r\n--b\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nMake it purple\r\n--b--\r\n");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/images/edits") { Content = new ChunkedContent([.. head, .. new byte[700_000], .. tail]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        var (status, text) = await SendAsync(h, request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Envelopes.AssertError(Envelopes.OpenAI, 503, text);
        Assert.Contains("MaxBufferedBodyBytes", text, StringComparison.Ordinal);
        await AssertNothingSentUpstreamAsync(h);
    }
}
