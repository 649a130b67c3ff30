using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Control;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;
using static Switchyard.FunctionalTests.Upstream2026.Kit2026;

namespace Switchyard.FunctionalTests.Upstream2026;

/// <summary>Every failure is attributed to the request, the model, the window or the account before anything is cooled (issue 14).</summary>
public sealed class FailureScopeTests
{
    [Fact]
    public async Task UnknownModel_OneRequest_LeavesEveryOtherModelServing()
    {
        var (h, _) = await StartAsync(Pool(2), s => s["Scheduling:Strategy"] = "round-robin");
        await using var _h = h;

        // The catalogue the gateway read lists gemini-3-flash; the upstream then forgets it on both accounts.
        await h.Emulator.Control.RemoveModelAsync(Email(1), "gemini-3-flash", Ct);
        await h.Emulator.Control.RemoveModelAsync(Email(2), "gemini-3-flash", Ct);
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var unknown = await h.PostAsync("v1/messages", Gemini("[[emu:text lost]]"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(4, (await h.CallsAsync()).Count); // both hosts of both accounts
        Assert.Empty(h.Cooldowns().Snapshot());

        // Every other model serves on both accounts, the same family and group included.
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        foreach (var model in new[] { "gemini-3.7-flash-low", "gemini-3.7-flash-low", "claude-sonnet-4-5", "claude-sonnet-4-5", "gemini-3.1-pro-low" })
        {
            using var other = await h.PostAsync("v1/messages", Body(model, "[[emu:text fine]]"));
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        Assert.Equal(2, (await h.CallsAsync()).Select(c => c.Email).Distinct().Count());

        // The id left both accounts' catalogues: asking again costs no upstream call.
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        using var again = await h.PostAsync("v1/messages", Gemini("[[emu:text lost]]"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Null(again.Headers.RetryAfter);
        Assert.Empty(await h.CallsAsync());
    }

    [Fact]
    public async Task RequestScoped429_TriedOnTwoAccountsThenAnswered_EveryAccountKeepsServing()
    {
        var (h, _) = await StartAsync(Pool(3), s => s["Scheduling:Strategy"] = "sticky");
        await using var _h = h;
        using var warm = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]", "s1"));
        var bound = Email(warm);
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        // The emulator refuses a Codex identity in the system prompt with a bare 429, on every account (upstream-2026 §8.3).
        await h.Emulator.Control.PatchConfigAsync(new JsonObject { ["contentBlocks"] = new JsonObject { ["patterns"] = new JsonArray("You are Codex, an agent based on GPT-5") } }, Ct);
        using var blocked = await h.PostAsync("v1/messages",
            Body("claude-sonnet-4-5", "[[emu:text hi]]", "s1", system: "You are Codex, an agent based on GPT-5."));

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.NotNull(blocked.Headers.RetryAfter);
        Assert.Equal(2, (await h.CallsAsync()).Count);
        Assert.Empty(h.Cooldowns().Snapshot());

        using var next = await h.PostAsync("v1/messages", Claude("[[emu:text still here]]", "s1"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(bound, Email(next));
    }

    [Fact]
    public async Task BareRateLimitOnOneAccount_AnotherServes_ThenTheFirstIsHeld()
    {
        var (h, _) = await StartAsync(Pool(2), s => s["Scheduling:Strategy"] = "sticky");
        await using var _h = h;
        using var warm = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]", "s1"));
        var bound = Email(warm);
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{bound}}}","rpc":"*enerateContent"},"times":1,"action":{"type":"genericExhausted"}}""");

        using var moved = await h.PostAsync("v1/messages", Claude("[[emu:text moved]]", "s1"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotEqual(bound, Email(moved));
        Assert.Contains(h.Cooldowns().Snapshot(), e => e.AccountId == h.Id(bound));
    }

    /// <summary>A body the upstream always fails with a 5xx: tried on two accounts, answered 502, nothing cooled (issue 18).</summary>
    [Fact]
    public async Task PoisonRequest_5xxOnEveryAccount_TriedOnTwoAnswered502AndNothingCooled()
    {
        var (h, _) = await StartAsync(Pool(3), s => s["RateLimits:FailureThreshold"] = "1");
        await using var _h = h;
        await h.AddFaultAsync("""{"match":{"rpc":"*enerateContent","bodyContains":"poison-body"},"action":{"type":"raw","status":500,"body":"internal"}}""");
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var poisoned = await h.PostAsync("v1/messages", Claude("[[emu:text hi]] poison-body"));

        Assert.Equal(HttpStatusCode.BadGateway, poisoned.StatusCode);
        Assert.Equal(2, (await h.CallsAsync()).Select(c => c.Email).Distinct().Count());
        Assert.Empty(h.Cooldowns().Snapshot());
        for (var i = 0; i < 3; i++)
        {
            using var fine = await h.PostAsync("v1/messages", Claude("[[emu:text fine]]"));
            Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        }
    }

    /// <summary>A 5xx on one account only is that account's: held while another account serves, then recorded.</summary>
    [Fact]
    public async Task ServerErrorOnOneAccount_AnotherServes_ThenTheFirstIsCooled()
    {
        var (h, _) = await StartAsync(Pool(2), s =>
        {
            s["Scheduling:Strategy"] = "sticky";
            s["RateLimits:FailureThreshold"] = "1";
        });
        await using var _h = h;
        using var warm = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]", "s1"));
        var bound = Email(warm);
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{bound}}}","rpc":"*enerateContent"},"action":{"type":"raw","status":500,"body":"internal"}}""");

        using var moved = await h.PostAsync("v1/messages", Claude("[[emu:text moved]]", "s1"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotEqual(bound, Email(moved));
        Assert.Contains(h.Cooldowns().Snapshot(), e => e.AccountId == h.Id(bound));
    }

    /// <summary>A 400 is the request's own: passed through, never retried elsewhere, nothing cooled (even at a threshold of one failure).</summary>
    [Fact]
    public async Task BadRequest_NeverCools()
    {
        var (h, _) = await StartAsync(Pool(2), s => s["RateLimits:FailureThreshold"] = "1");
        await using var _h = h;
        await h.AddFaultAsync("""{"match":{"rpc":"*enerateContent"},"times":1,"action":{"type":"badRequest","preset":"promptTooLong"}}""");

        using var rejected = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));
        using var next = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(2, (await h.CallsAsync()).Count);
        Assert.Empty(h.Cooldowns().Snapshot());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task EveryAccountCoolingAfterFailures_TheAnswerCarriesRetryAfter()
    {
        var (h, _) = await StartAsync(Pool(2), s => s["RateLimits:FailureThreshold"] = "1");
        await using var _h = h;
        // Dropped connections on every host of both accounts: the accounts' failures (a 5xx on two accounts would be
        // the request's own and cool nothing).
        await h.AddFaultAsync("""{"match":{"rpc":"*enerateContent"},"times":4,"action":{"type":"networkReset"}}""");
        using var failed = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);

        using var unavailable = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.InRange(unavailable.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(21));
    }

    /// <summary>
    /// A licence that lapsed: the account's gemini-cli pool answers 403 UNSUPPORTED_CLIENT. The pool is marked off for that
    /// account (never asked again), and the account keeps serving the antigravity pool, Claude and Gemini alike.
    /// </summary>
    [Fact]
    public async Task UnsupportedClient_InTheGeminiCliPool_AccountKeepsServingTheAntigravityPool()
    {
        var (h, _) = await StartAsync(Pool(1, s => s with { GeminiCliLicense = true }));
        await using var _h = h;
        await h.Emulator.Control.PatchAccountAsync(Email(1), new AccountPatch { GeminiCliLicense = false }, Ct);

        using var refused = await h.PostAsync("v1/messages", Body("gemini-2.5-flash", "[[emu:text hi]]"));

        // The pool is gone for the account, which is no passing condition: a 404 naming the pool, no Retry-After.
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Null(refused.Headers.RetryAfter);
        Assert.Contains("gemini-cli pool", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(await h.CallsAsync(), c => c.Pool == "gemini-cli" && c.Status == 403);
        Assert.Empty(h.Cooldowns().Snapshot());

        await h.Emulator.Control.ClearRequestsAsync(Ct);
        foreach (var body in new[] { Claude("[[emu:text claude]]"), Gemini("[[emu:text gemini]]") })
        {
            using var served = await h.PostAsync("v1/messages", body);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(Email(1), Email(served));
        }

        var account = (await h.Client.GetFromJsonAsync<JsonArray>("admin/api/accounts", Ct))!.Single()!;
        Assert.Equal("unsupported", (string?)account["pools"]!["geminiCli"]);
        Assert.Equal("ok", (string?)account["status"]);

        await h.Emulator.Control.ClearRequestsAsync(Ct);
        using var again = await h.PostAsync("v1/messages", Body("gemini-2.5-flash", "[[emu:text hi]]"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(await h.CallsAsync());
    }

    /// <summary>Every account's weekly window is empty: the all-limited answer is a 429 whose Retry-After is the soonest reset.</summary>
    [Fact]
    public async Task EveryAccountsWindowEmpty_The429CarriesTheSoonestResetAsRetryAfter()
    {
        var (h, _) = await StartAsync(Pool(2));
        await using var _h = h;
        await h.DrainAsync(Email(1), "3p-weekly", TimeSpan.FromHours(70));
        await h.DrainAsync(Email(2), "3p-weekly", TimeSpan.FromHours(50));
        await h.ReadQuotaAsync();
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var limited = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        // The emulator's clock runs a little ahead of the gateway's frozen one: a few seconds either way.
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromHours(50) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(50) + TimeSpan.FromMinutes(1));
        Assert.Empty(await h.CallsAsync());
    }
}
