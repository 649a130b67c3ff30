using System.Net;

namespace Switchyard.Emulator.Tests.Control;

public sealed class ControlApiTests
{
    [Fact]
    public async Task MintedToken_AuthenticatesContentCall_AndJournalRedactsIt()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var token = await emu.TokenAsync();

        using var response = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), token, label: "daily-sandbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await emu.Control.GetRequestsAsync(rpc: "generateContent", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("daily-sandbox", entry.Label);
        Assert.Equal(EmulatorFixture.Ada, entry.Email);
        Assert.Equal("Bearer [redacted]", entry.Headers["Authorization"]);
        Assert.DoesNotContain(token, System.Text.Json.JsonSerializer.Serialize(entry, EmulatorJsonContext.Default.JournalEntry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredToken_GetsUnauthenticatedWithWwwAuthenticate()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var token = await emu.TokenAsync();
        await emu.Control.ExpireTokensAsync(accessToken: token, cancellationToken: TestContext.Current.CancellationToken);

        using var response = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Equal("UNAUTHENTICATED", (string?)body["error"]!["status"]);
    }

    [Fact]
    public async Task ClockAdvance_ExpiresTokenWithoutWaiting()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var token = await emu.TokenAsync(ttlSeconds: 60);
        var ct = TestContext.Current.CancellationToken;

        var before = await emu.Control.GetClockAsync(ct);
        var after = await emu.Control.AdvanceClockAsync(TimeSpan.FromSeconds(61), ct);
        using var response = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), token);

        Assert.True(after - before >= TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"validate":{"bogus":true}}""", "validate.bogus")]
    [InlineData("""{"tokenTtlSeconds":"soon"}""", "tokenTtlSeconds")]
    [InlineData("""[1,2]""", "JSON object")]
    public async Task PatchConfig_RejectsMalformedPatch_NamingTheProblem(string patch, string named)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var content = new StringContent(patch, System.Text.Encoding.UTF8, "application/json");

        using var response = await emu.Http.PatchAsync("__emulator/config", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"];
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Equal(3599, (await emu.Control.GetConfigAsync(TestContext.Current.CancellationToken)).TokenTtlSeconds);
    }

    [Fact]
    public async Task MalformedJsonBody_GetsGoogleInvalidArgument()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await emu.Http.PostAsync("./v1internal:generateContent", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EmulatorFixture.ReadJsonAsync(response))["error"]!.AsObject();
        Assert.Equal("INVALID_ARGUMENT", (string?)error["status"]);
        Assert.StartsWith("Invalid JSON payload received.", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedRequestBody_WithoutContentLength_IsAccepted()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var token = await emu.TokenAsync();
        var bytes = System.Text.Encoding.UTF8.GetBytes(EmulatorFixture.Envelope("claude-sonnet-4-6").ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "daily-sandbox/v1internal:streamGenerateContent?alt=sse")
        {
            Content = new StreamContent(new MemoryStream(bytes)),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var response = await emu.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(request.Content.Headers.ContentLength);
        var entry = Assert.Single(await emu.Control.GetRequestsAsync(rpc: "streamGenerateContent", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("chunked", entry.Headers["Transfer-Encoding"]);
        Assert.Contains("claude-sonnet-4-6", entry.Body, StringComparison.Ordinal);
    }
}
