using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;

namespace Switchyard.FunctionalTests.Scheduling;

/// <summary>The pool under sustained failure: 5 accounts, 8 sessions, 2,000 requests, a fifth of upstream calls failing.</summary>
public sealed class PoolLoadTests
{
    private const int Requests = 2000;
    private const int Sessions = 8;

    [Fact]
    public async Task Pool_2000RequestsWithMixed429s_AllSucceedAndNoSendGoesToACoolingAccount()
    {
        var ledger = new SendLedger();
        // Every account stays able to serve; only the cooldowns the 429s ask for keep it out for a while. With a wait
        // budget longer than any of them (waits pass on the fake clock), no request may end in a 429.
        await using var h = await FrontDoorHarness.StartAsync(Pool(5), s => s["Scheduling:MaxWaitSeconds"] = "900", services => ledger.Install(services, "claude"));

        // A fifth of content calls fail, seeded: three kinds of 429 at 5 % each on every account (each rule rolls on what the
        // ones before let through), and a bare 429 on one account only. A bare 429 is request-scoped until another account
        // serves the same request (upstream-2026 §8.3): on one account it is that account's, and cools it; on two it would
        // be answered, so it must not roll on every account here.
        await h.Emulator.Control.AddFaultsAsync(new JsonArray
        {
            Rule(0.05, """{"type":"rateLimit","retryDelay":"1s"}"""),
            Rule(0.05 / 0.95, """{"type":"rateLimit","retryDelay":"20s"}"""),
            Rule(0.05 / 0.90, """{"type":"quotaExhausted","resetIn":"40s","setBucketState":false}"""),
            Rule(0.25 / 0.85, """{"type":"genericExhausted"}""", Email(1)),
        }, Ct);

        var next = -1;
        var statuses = new HttpStatusCode[Requests];
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async session =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                using var response = await h.PostAsync("v1/messages", Messages("[[emu:text ok]]", "session-" + session));
                statuses[i] = response.StatusCode;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)response.StatusCode} {(response.Headers.TryGetValues("X-Switchyard-Decision", out var d) ? d.First() : "")}: {await response.Content.ReadAsStringAsync(Ct)}");
                }
            }
        }));

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // The probe looks at the wire, a moment after the scheduler's check: a cooldown another request records in
        // between (its 429 arriving in those microseconds) is counted too. The scheduler itself never picks a cooling
        // account (PoolSchedulingTests proves that with no such overlap); here the overlap must stay rare.
        Assert.InRange(ledger.SendsWhileCooling, 0, ledger.Sends / 100);
        var calls = await h.CallsAsync();
        Assert.Equal(Requests, calls.Count(c => c.Status == 200));
        var failed = calls.Count(c => c.Status == 429);
        Assert.InRange(failed, Requests / 10, Requests / 2);
        Assert.Equal(5, calls.Where(c => c.Status == 200).Select(c => c.Email).Distinct().Count());
    }

    private static JsonObject Rule(double probability, string action, string? email = null)
    {
        var match = new JsonObject { ["rpc"] = "*enerateContent" };
        if (email is not null)
        {
            match["email"] = email;
        }

        return new JsonObject { ["match"] = match, ["probability"] = probability, ["action"] = JsonNode.Parse(action) };
    }
}
