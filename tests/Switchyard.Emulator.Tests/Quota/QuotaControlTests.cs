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
    [InlineData("""{"email":"ada@example.com","pool":"antigravity","bucket":"gemini-pro","remainingFraction":0.5}""", "gemini-pro")]
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
    public async Task PutQuota_ModelIdFamilyAndWildcard_SetTheRightBuckets()
    {
        await using var emu = await LimitsKit.StartAsync();

        var byModel = await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "gemini-3.1-pro-low", remainingFraction: 0.5, cancellationToken: Ct);
        var byFamily = await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, "3p", costPerRequest: 0.2, cancellationToken: Ct);
        var all = await emu.Control.SetQuotaAsync(EmulatorFixture.Grace, QuotaPools.Antigravity, "*", costPerRequest: 0.1, rpm: 30, cancellationToken: Ct);
        var free = await emu.Control.SetQuotaAsync(LimitsKit.Alan, QuotaPools.Antigravity, "*", costPerRequest: 0.1, cancellationToken: Ct);

        Assert.Equal(["gemini-5h", "gemini-weekly"], byModel["buckets"]!.AsObject().Select(b => b.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0.5, (double?)byModel["buckets"]!["gemini-weekly"]!["remainingFraction"]);
        Assert.Equal(["3p-5h", "3p-weekly"], byFamily["buckets"]!.AsObject().Select(b => b.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0.2, (double?)byFamily["buckets"]!["3p-5h"]!["costPerRequest"]);
        Assert.Equal(["3p-5h", "3p-weekly", "gemini-5h", "gemini-weekly", "image-flash", "image-pro"], all["buckets"]!.AsObject().Select(b => b.Key).Order(StringComparer.Ordinal));
        Assert.Equal(30, (int?)all["rpm"]);
        Assert.Equal(["3p-weekly", "gemini-weekly", "image-flash", "image-pro"], free["buckets"]!.AsObject().Select(b => b.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PutQuota_FiveHourBucketOfFreeAccount_BadRequest()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await LimitsKit.ControlAsync(emu, HttpMethod.Put, "quota",
            """{"email":"alan@example.com","pool":"antigravity","bucket":"gemini-5h","remainingFraction":0}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no 5 h window", (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3p-5h", "2026-07-01T12:00:00Z")]
    [InlineData("3p-weekly", "2026-07-08T07:00:00Z")]
    [InlineData("image-flash", "2026-07-01T12:00:00Z")]
    public async Task PutQuota_EmptyWithoutResetTime_ResetsAfterItsWindow(string bucket, string reset)
    {
        await using var emu = await LimitsKit.StartAsync();

        var state = await emu.Control.SetQuotaAsync(EmulatorFixture.Ada, QuotaPools.Antigravity, bucket, remainingFraction: 0, cancellationToken: Ct);

        Assert.Equal(reset, (string?)state["buckets"]![bucket]!["resetTime"]);
    }
}
