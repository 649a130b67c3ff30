using System.Net;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Tests.Quota;

public sealed class QuotaControlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"email":"nobody@example.com","pool":"antigravity","bucket":"claude","remainingFraction":0.5}""", "nobody@example.com")]
    [InlineData("""{"email":"ada@example.com","pool":"vertex","bucket":"claude"}""", "vertex")]
    [InlineData("""{"email":"ada@example.com","pool":"antigravity","bucket":"claude-ish","remainingFraction":0.5}""", "claude-ish")]
    [InlineData("""{"email":"ada@example.com","pool":"gemini-cli","bucket":"claude","remainingFraction":0.5}""", "claude")]
    [InlineData("""{"email":"ada@example.com","pool":"antigravity","bucket":"claude","remainingFraction":2}""", "remainingFraction")]
    [InlineData("""{"email":"ada@example.com","pool":"antigravity","bucket":"claude","resetTime":"2026-07-01T08:00:00Z","resetInSeconds":5}""", "not both")]
    [InlineData("""{"email":"ada@example.com","pool":"antigravity","bucket":"claude","resetTime":"tomorrow"}""", "resetTime")]
    [InlineData("""{"email":"ada@example.com","pool":"antigravity","rpm":-1}""", "rpm")]
    [InlineData("""{"email":"ada@example.com","pool":"antigravity","remainingFraction":0.5}""", "bucket")]
    [InlineData("""{"email":"ada@example.com","pool":"antigravity","bucket":"claude","colour":"red"}""", "colour")]
    [InlineData("""{"pool":"antigravity","bucket":"claude"}""", "email")]
    [InlineData("""[1]""", "JSON object")]
    public async Task PutQuota_Malformed_BadRequestNamingTheProblem(string body, string named)
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await LimitsKit.ControlAsync(emu, HttpMethod.Put, "quota", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"];
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutQuota_ModelIdAndWildcard_SetTheRightBuckets()
    {
        await using var emu = await LimitsKit.StartAsync();

        var byModel = await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini-3-pro-low", remainingFraction: 0.5, cancellationToken: Ct);
        var all = await emu.Control.SetQuotaAsync(EmulatorFixture.Grace, QuotaPools.Antigravity, "*", costPerRequest: 0.1, rpm: 30, cancellationToken: Ct);

        Assert.Equal(["gemini-pro"], byModel["buckets"]!.AsObject().Select(b => b.Key));
        Assert.Equal(0.5, (double?)byModel["buckets"]!["gemini-pro"]!["remainingFraction"]);
        Assert.Equal(["claude", "gemini-flash", "gemini-pro", "gpt-oss", "image-flash", "image-pro"], all["buckets"]!.AsObject().Select(b => b.Key).Order(StringComparer.Ordinal));
        Assert.Equal(30, (int?)all["rpm"]);
    }

    [Fact]
    public async Task PutQuota_EmptyWithoutResetTime_ResetsAfterTheConfiguredWindow()
    {
        await using var emu = await LimitsKit.StartAsync();

        var state = await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "claude", remainingFraction: 0, cancellationToken: Ct);

        Assert.Equal("2026-07-01T12:00:00Z", (string?)state["buckets"]!["claude"]!["resetTime"]);
    }
}
