using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.FunctionalTests.FrontDoors;
using Switchyard.RateLimits;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;

namespace Switchyard.FunctionalTests.Scheduling;

/// <summary>Account choice and rate-limit handling across a pool, end to end against the emulator.</summary>
public sealed class PoolSchedulingTests
{
    private static Action<Dictionary<string, string?>> Sticky(int maxWait = 0, bool spread = false) => s =>
    {
        s["Scheduling:Strategy"] = "sticky";
        s["Scheduling:SpreadNewSessions"] = spread ? "true" : "false";
        s["Scheduling:MaxWaitSeconds"] = maxWait.ToString(System.Globalization.CultureInfo.InvariantCulture);
    };

    [Fact]
    public async Task Messages_SameSession_StaysOnItsAccountAndNewSessionsSpreadWhenAsked()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(3), Sticky(spread: true));
        var first = new List<string>();
        foreach (var session in new[] { "alpha", "beta", "gamma" })
        {
            using var response = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", session));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            first.Add(Email(response));
        }

        // Three new sessions start on three different accounts of the tier (the session offset, SpreadNewSessions).
        Assert.Equal(3, first.Distinct().Count());
        for (var turn = 0; turn < 3; turn++)
        {
            using var again = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", "beta"));
            Assert.Equal(first[1], Email(again));
            Assert.Contains("reason=session binding", again.Headers.GetValues("X-Switchyard-Decision").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Messages_RoundRobin_MovesEveryRequest()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(3), s => s["Scheduling:Strategy"] = "round-robin");
        var emails = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", "one-session"));
            emails.Add(Email(response));
        }

        Assert.Equal(3, emails.Distinct().Count());
        Assert.All(emails.Chunk(3), chunk => Assert.Equal(3, chunk.Distinct().Count()));
    }

    [Fact]
    public async Task Messages_LongRateLimit_RotatesAndRebindsTheSession()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky());
        using var warm = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", "s1"));
        var bound = Email(warm);
        var other = bound == Email(1) ? Email(2) : Email(1);
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{bound}}}"},"times":1,"action":{"type":"rateLimit","retryDelay":"30s"}}""");
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var response = await h.PostAsync("v1/messages", Messages("[[emu:text moved]]", "s1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(other, Email(response));
        Assert.Equal([(bound, 429), (other, 200)], (await h.CallsAsync()).Select(c => (c.Email, c.Status)));

        // The conversation now lives on the new account, even after the limit has passed.
        h.Accounts.Time.Advance(TimeSpan.FromMinutes(5));
        using var next = await h.PostAsync("v1/messages", Messages("[[emu:text stays]]", "s1"));
        Assert.Equal(other, Email(next));
    }

    [Fact]
    public async Task Messages_ShortRateLimit_RetriesTheSameAccountAfterTheDelay()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky());
        await h.AddFaultAsync("""{"match":{"rpc":"generateContent"},"times":1,"action":{"type":"rateLimit","retryDelay":"1.5s"}}""");
        using var response = await h.PostAsync("v1/messages", Messages("[[emu:text retried]]", "s1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await h.CallsAsync();
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].Email, calls[1].Email);
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.Equal(TimeSpan.FromSeconds(1.5), h.Accounts.Time.Skipped);
    }

    [Theory]
    [InlineData("""{"type":"quotaExhausted","resetIn":"2h","setBucketState":false}""")]
    [InlineData("""{"type":"genericExhausted"}""")]
    [InlineData("""{"type":"capacity","status":429}""")]
    [InlineData("""{"type":"http","preset":"validationRequired"}""")]
    public async Task Messages_AccountFails_NextAccountServesAndTheFirstCools(string action)
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), s =>
        {
            Sticky()(s);
            s["RateLimits:CapacityRetriesPerHost"] = "0";
        });
        using var warm = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", "s1"));
        var bound = Email(warm);
        var other = bound == Email(1) ? Email(2) : Email(1);
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{bound}}}"},"action":{{{action}}}}""");
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var response = await h.PostAsync("v1/messages", Messages("[[emu:text served]]", "s1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(other, Email(response));
        Assert.InRange((await h.CallsAsync()).Count(c => c.Email == bound), 1, 2); // capacity moves to the next host first

        // Later sessions do not touch the cooling account.
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        for (var i = 0; i < 4; i++)
        {
            using var more = await h.PostAsync("v1/messages", Messages("[[emu:text more]]", "other-" + i));
            Assert.Equal(HttpStatusCode.OK, more.StatusCode);
        }

        Assert.DoesNotContain(await h.CallsAsync(), c => c.Email == bound);
    }

    [Fact]
    public async Task Cooldown_AfterRestart_StillKeepsTheAccountOut()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky());
        using var warm = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", "s1"));
        var bound = Email(warm);
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{bound}}}"},"times":1,"action":{"type":"quotaExhausted","resetIn":"2h","setBucketState":false}}""");
        using var moved = await h.PostAsync("v1/messages", Messages("[[emu:text moved]]", "s1"));
        Assert.NotEqual(bound, Email(moved));
        await h.App.StopAsync(Ct);

        // A new gateway on the same data directory: the cooldown is read back, so no session starts on that account.
        var again = await h.Accounts.StartGatewayAsync();
        var restored = again.Services.GetRequiredService<CooldownTracker>().Snapshot();
        // A quota 429 with a 2 h reset holds the 5 h window of the family (Claude and GPT-OSS), not just the model group.
        Assert.Contains(restored, e => e.Group == "3p-5h" && e.Kind == UpstreamFailureKind.QuotaExhausted && e.CoolingUntil > h.Accounts.Time.GetUtcNow().AddHours(1.9));
        var address = again.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(Messages("[[emu:text after]]", "fresh-" + i), System.Text.Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(bound, Email(response));
        }
    }

    [Fact]
    public async Task Messages_ServerErrorOnEveryHost_TriesHostsInOrderThenRotates()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky());
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Email(1)}}}"},"action":{"type":"http","status":500}}""");
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Email(2)}}}"},"times":1,"action":{"type":"http","status":500}}""");
        using var response = await h.PostAsync("v1/messages", Messages("[[emu:text served]]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await h.CallsAsync();
        var firstAccount = calls[0].Email;
        Assert.Equal(["daily-sandbox", "prod"], calls.Where(c => c.Email == firstAccount).Select(c => c.Label));
        Assert.Equal(200, calls[^1].Status);
    }

    [Fact]
    public async Task Messages_EveryAccountLimited_WaitsWithinMaxWaitThenSucceeds()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky(maxWait: 60));
        await h.AddFaultAsync("""{"match":{"rpc":"generateContent"},"times":2,"action":{"type":"rateLimit","retryDelay":"20s"}}""");
        using var response = await h.PostAsync("v1/messages", Messages("[[emu:text patience]]", "s1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([429, 429, 200], (await h.CallsAsync()).Select(c => c.Status));
        Assert.InRange(h.Accounts.Time.Skipped, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Messages_EveryAccountLimitedBeyondMaxWait_Returns429WithTheSoonestReset()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky(maxWait: 10));
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Email(1)}}}"},"action":{"type":"rateLimit","retryDelay":"40s"}}""");
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Email(2)}}}"},"action":{"type":"rateLimit","retryDelay":"30s"}}""");
        using var response = await h.PostAsync("v1/messages", Messages("hi", "s1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("rate_limit_error", (string)(await ReadJsonAsync(response))["error"]!["type"]!);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
        Assert.Equal(2, (await h.CallsAsync()).Count);
        Assert.Equal(TimeSpan.Zero, h.Accounts.Time.Skipped);
    }

    [Fact]
    public async Task GeminiQuotaExhaustedOnEveryAccount_MovesToTheGeminiCliPool()
    {
        // Only accounts with a Gemini Code Assist licence keep the gemini-cli pool in 2026 (upstream-2026 §5).
        await using var h = await FrontDoorHarness.StartAsync([.. Pool(2).Select(s => s with { GeminiCliLicense = true })], Sticky());
        await h.AddFaultAsync("""{"match":{"pool":"antigravity","rpc":"generateContent"},"action":{"type":"quotaExhausted","resetIn":"3h","setBucketState":false}}""");
        using var response = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", """{"contents":[{"role":"user","parts":[{"text":"[[emu:text from the other pool]]"}]}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from the other pool", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var calls = await h.GenerateCallsAsync();
        Assert.Equal(["antigravity", "antigravity", "gemini-cli"], calls.Select(c => c.Pool));
        Assert.Equal("prod", calls[^1].Label);
        Assert.Equal("gemini-3-flash-preview", calls[^1].Model);
        Assert.Contains("pool=gemini-cli", response.Headers.GetValues("X-Switchyard-Decision").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_StreamCutAfterFirstByte_IsNotRetried()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), Sticky());
        await h.AddFaultAsync("""{"match":{"rpc":"streamGenerateContent"},"action":{"type":"stream","mode":"disconnect","afterEvents":1}}""");
        using var response = await h.PostAsync("v1/messages", Messages("[[emu:len 400]]", "s1", stream: true), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await FrontDoorHarness.EventsAsync(response);
        Assert.Equal("error", events[^1].EventType);
        Assert.Single(await h.GenerateCallsAsync());
    }

    [Fact]
    public async Task Messages_64ConcurrentAfterTwoAccountsCooled_NoSendToACoolingAccount()
    {
        var ledger = new SendLedger();
        await using var h = await FrontDoorHarness.StartAsync(Pool(4), s => s["Scheduling:Strategy"] = "round-robin", services => ledger.Install(services, "claude"));
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Email(1)}}}"},"action":{"type":"rateLimit","retryDelay":"45s"}}""");
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Email(2)}}}"},"action":{"type":"quotaExhausted","resetIn":"1h","setBucketState":false}}""");

        // Until both failing accounts have been met once, requests one at a time.
        for (var i = 0; i < 8 && (await h.CallsAsync()).Select(c => c.Email).Intersect([Email(1), Email(2)]).Count() < 2; i++)
        {
            using var warm = await h.PostAsync("v1/messages", Messages("[[emu:text warm]]"));
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        Assert.Equal(2, (await h.CallsAsync()).Select(c => c.Email).Intersect([Email(1), Email(2)]).Count());
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        var sendsBefore = ledger.Sends;
        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            using var response = await h.PostAsync("v1/messages", Messages("[[emu:text ok]]", "agent-" + i));
            return (response.StatusCode, Email(response));
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses, r => Assert.Contains(r.Item2, new[] { Email(3), Email(4) }));
        Assert.Equal(0, ledger.SendsWhileCooling);
        Assert.Equal(64, ledger.Sends - sendsBefore);
        Assert.DoesNotContain(await h.CallsAsync(), c => c.Email == Email(1) || c.Email == Email(2));
    }

    [Fact]
    public async Task Messages_64ConcurrentOnAFailingAccount_AllSucceedAndTheBurstCountsOnce()
    {
        await using var h = await FrontDoorHarness.StartAsync(Pool(3), s => s["Scheduling:Strategy"] = "sticky");
        // Every request below is one conversation (same first message): bound to the account the first one used.
        using var warm = await h.PostAsync("v1/messages", Messages("[[emu:text ok]]"));
        var failing = Email(warm);
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{failing}}}"},"action":{"type":"rateLimit","retryDelay":"45s"}}""");
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            using var response = await h.PostAsync("v1/messages", Messages("[[emu:text ok]]"));
            return (response.StatusCode, Email(response));
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.DoesNotContain(responses, r => r.Item2 == failing);
        var calls = await h.CallsAsync();

        // No request tries the failing account twice, and the concurrent 429s count as one failure.
        Assert.InRange(calls.Count(c => c.Email == failing), 1, 64);
        Assert.Equal(64, calls.Count(c => c.Status == 200));
        var cooldown = h.App.Services.GetRequiredService<CooldownTracker>().Snapshot().Single(e => e.Group == "claude");
        Assert.Equal(1, cooldown.ConsecutiveFailures);
    }
}
