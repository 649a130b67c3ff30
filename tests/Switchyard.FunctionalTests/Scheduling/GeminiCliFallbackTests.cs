using System.Net;
using Switchyard.Emulator.State;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;

namespace Switchyard.FunctionalTests.Scheduling;

/// <summary>
/// The gemini-cli pool is a fallback for exhausted quota only (issue 15): a capacity problem stays the 503 with
/// Retry-After it is, and when the fallback cannot serve either, the client gets the first pool's answer.
/// </summary>
public sealed class GeminiCliFallbackTests
{
    private const string Body = """{"contents":[{"role":"user","parts":[{"text":"[[emu:text hi]]"}]}]}""";

    private static Action<Dictionary<string, string?>> Settings => s =>
    {
        s["Scheduling:Strategy"] = "sticky";
        s["RateLimits:CapacityRetriesPerHost"] = "0";
    };

    /// <summary>The second request finds every account cooling after capacity failures: still a 503, not the other pool.</summary>
    [Fact]
    public async Task CapacityOnEveryAntigravityAccount_503WithRetryAfterAndNoGeminiCliSend()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Settings);
        await h.AddFaultAsync("""{"match":{"pool":"antigravity","rpc":"generateContent"},"action":{"type":"capacity","retryDelay":"30s"}}""");

        foreach (var attempt in new[] { "first", "while cooling" })
        {
            using var response = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", Body);

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{attempt}: {(int)response.StatusCode}");
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, attempt);
            Assert.Equal("UNAVAILABLE", (string?)(await ReadJsonAsync(response))["error"]!["status"]);
        }

        var calls = await h.CallsAsync();
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Equal("antigravity", c.Pool));
    }

    [Fact]
    public async Task QuotaExhaustedAndTheFallbackFailsToo_TheFirstPoolsQuotaAnswer()
    {
        await using var h = await FrontDoorHarness.StartAsync(Licensed(2), Settings);
        await h.AddFaultAsync("""{"match":{"pool":"antigravity","rpc":"generateContent"},"action":{"type":"quotaExhausted","resetIn":"3h","setBucketState":false}}""");
        await h.AddFaultAsync("""{"match":{"pool":"gemini-cli","rpc":"generateContent"},"action":{"type":"http","preset":"notFound"}}""");

        using var response = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", Body);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromHours(2), response.Headers.RetryAfter?.ToString());
        Assert.Equal("RESOURCE_EXHAUSTED", (string?)(await ReadJsonAsync(response))["error"]!["status"]);
        Assert.Contains(await h.CallsAsync(), c => c.Pool == "gemini-cli");
    }

    /// <summary>
    /// The fallback goes only to accounts whose loadCodeAssist shows the gemini-cli pool (issue 14): personal accounts
    /// (UNSUPPORTED_CLIENT) are never sent there, and the client gets the first pool's quota answer.
    /// </summary>
    [Fact]
    public async Task QuotaExhaustedOnAccountsWithoutTheGeminiCliPool_429WithRetryAfterAndNoGeminiCliSend()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Settings);
        await h.AddFaultAsync("""{"match":{"pool":"antigravity","rpc":"generateContent"},"action":{"type":"quotaExhausted","resetIn":"3h","setBucketState":false}}""");

        using var response = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", Body);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromHours(2), response.Headers.RetryAfter?.ToString());
        var calls = await h.GenerateCallsAsync();
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Equal("antigravity", c.Pool));
    }

    /// <summary>One account keeps the gemini-cli pool, the other does not: the fallback goes to the first only.</summary>
    [Fact]
    public async Task QuotaExhaustedOnEveryAccount_FallbackSentOnlyToTheLicensedAccount()
    {
        var seeds = Pool(2);
        seeds[1] = seeds[1] with { GeminiCliLicense = true };
        await using var h = await FrontDoorHarness.StartAsync(seeds, Settings);
        await h.AddFaultAsync("""{"match":{"pool":"antigravity","rpc":"generateContent"},"action":{"type":"quotaExhausted","resetIn":"3h","setBucketState":false}}""");

        using var response = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", Body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cli = Assert.Single(await h.GenerateCallsAsync(), c => c.Pool == "gemini-cli");
        Assert.Equal(seeds[1].Email, cli.Email);

        // X-Mapped-Model names the model actually sent: the gemini-cli pool's id, not the first pool's.
        Assert.Equal("gemini-3-flash-preview", cli.Model);
        Assert.Equal(cli.Model, response.Headers.GetValues("X-Mapped-Model").Single());
    }

    private static AccountSeed[] Licensed(int count) => [.. Pool(count).Select(s => s with { GeminiCliLicense = true })];
}
