using System.Net;
using Switchyard.RateLimits;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;
using static Switchyard.FunctionalTests.Upstream2026.Kit2026;

namespace Switchyard.FunctionalTests.Upstream2026;

/// <summary>The 5 h and weekly windows of each family (upstream-2026 §1, §2), end to end against the emulator.</summary>
public sealed class QuotaWindowTests
{
    private static Action<Dictionary<string, string?>> Pinned(int account) => s =>
    {
        s["Scheduling:Strategy"] = "sticky";
        s["Scheduling:FixedAccount"] = Email(account);
    };

    [Fact]
    public async Task WeeklyWindowEmpty_AccountNotPickedForThatFamily_ServesTheOther_UntilTheReset()
    {
        var (h, _) = await StartAsync(Pool(2), Pinned(1));
        await using var _h = h;
        await h.DrainAsync(Email(1), "3p-weekly", TimeSpan.FromDays(3));
        await h.ReadQuotaAsync();
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        // Claude (3p) goes elsewhere although user1 is pinned; Gemini still goes to user1.
        for (var i = 0; i < 3; i++)
        {
            using var claude = await h.PostAsync("v1/messages", Claude("[[emu:text claude]]", "c" + i));
            Assert.Equal(HttpStatusCode.OK, claude.StatusCode);
            Assert.Equal(Email(2), Email(claude));
            using var gemini = await h.PostAsync("v1/messages", Gemini("[[emu:text gemini]]", "g" + i));
            Assert.Equal(HttpStatusCode.OK, gemini.StatusCode);
            Assert.Equal(Email(1), Email(gemini));
        }

        Assert.DoesNotContain(await h.CallsAsync(Email(1)), c => c.Model!.StartsWith("claude", StringComparison.Ordinal));

        // A day before the reset it is still held; past the reset (on the fake clocks) user1 serves Claude again.
        await h.AdvanceAsync(TimeSpan.FromDays(2));
        using (var before = await h.PostAsync("v1/messages", Claude("[[emu:text before]]", "c-before")))
        {
            Assert.Equal(Email(2), Email(before));
        }

        Assert.DoesNotContain(await h.CallsAsync(Email(1)), c => c.Model!.StartsWith("claude", StringComparison.Ordinal));

        await h.AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        using var after = await h.PostAsync("v1/messages", Claude("[[emu:text after]]", "c-after"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(Email(1), Email(after));
    }

    [Fact]
    public async Task QuotaLimits_FiveHourAndWeekly_HeldApartWithTheirOwnResets()
    {
        var (h, _) = await StartAsync(Pool(2), s => s["Scheduling:Strategy"] = "sticky");
        await using var _h = h;
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Email(1)}}}","rpc":"*enerateContent"},"times":1,"action":{"type":"quotaExhausted","window":"5h","resetIn":"2h"}}""");
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Email(2)}}}","rpc":"*enerateContent"},"times":1,"action":{"type":"quotaExhausted","window":"weekly","resetIn":"100h"}}""");

        using var response = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]", "s1"));

        // Both accounts are out for Claude: the answer is 429 with the soonest reset, the 5 h one.
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromHours(1.9), TimeSpan.FromHours(2.01));
        var held = h.Cooldowns().Snapshot().ToDictionary(e => (e.AccountId, e.Group));
        var now = h.Accounts.Time.GetUtcNow();
        Assert.InRange(held[(h.Id(Email(1)), "3p-5h")].CoolingUntil - now, TimeSpan.FromHours(1.9), TimeSpan.FromHours(2.01));
        Assert.InRange(held[(h.Id(Email(2)), "3p-weekly")].CoolingUntil - now, TimeSpan.FromHours(99), TimeSpan.FromHours(100.01));
        Assert.False(held.ContainsKey((h.Id(Email(1)), "3p-weekly")));
        Assert.False(held.ContainsKey((h.Id(Email(2)), "3p-5h")));

        // The summary agrees, and shows the 5 h window disabled while the weekly one is empty.
        await h.ReadQuotaAsync();
        Assert.Equal(0, h.Quota().Entry(h.Id(Email(1)), "3p-5h")!.RemainingFraction);
        Assert.True(h.Quota().Entry(h.Id(Email(1)), "3p-weekly")!.RemainingFraction > 0);
        Assert.Equal(0, h.Quota().Entry(h.Id(Email(2)), "3p-weekly")!.RemainingFraction);
        Assert.True(h.Quota().Entry(h.Id(Email(2)), "3p-5h")!.Disabled);

        // Gemini is another family: both accounts serve it.
        using var gemini = await h.PostAsync("v1/messages", Gemini("[[emu:text gemini]]", "g1"));
        Assert.Equal(HttpStatusCode.OK, gemini.StatusCode);
    }

    [Fact]
    public async Task WeeklyLimitWithoutADelay_ThePoolSummaryPlacesItInTheWeeklyWindow()
    {
        var (h, _) = await StartAsync(Pool(1));
        await using var _h = h;
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{Email(1)}}}","rpc":"*enerateContent"},"times":1,"action":{"type":"quotaExhausted","window":"weekly","resetIn":"80h","style":"upgrade"}}""");

        using var response = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));
        await h.Quota().RefreshAsync(h.Id(Email(1)), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var weekly = h.Cooldowns().Remaining(new RateLimitKey(h.Id(Email(1)), "3p-weekly", QuotaPools.Antigravity));
        Assert.InRange(weekly, TimeSpan.FromHours(79), TimeSpan.FromHours(80.01));
    }

    [Fact]
    public async Task NewerSummaryWithQuota_ReleasesA429Hold_StaleProdFiguresDoNot()
    {
        var (h, _) = await StartAsync(Pool(1));
        await using var _h = h;
        await h.AddFaultAsync("""{"match":{"rpc":"*enerateContent"},"times":1,"action":{"type":"quotaExhausted","window":"5h","resetIn":"3h","setBucketState":false}}""");
        using (var limited = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        var key = new RateLimitKey(h.Id(Email(1)), "3p-5h", QuotaPools.Antigravity);
        Assert.True(h.Cooldowns().IsCooling(key));

        // The live host (daily-sandbox here) says the window has quota: a newer observation releases the hold.
        await h.AdvanceAsync(TimeSpan.FromSeconds(5));
        await h.ReadQuotaAsync();
        Assert.False(h.Cooldowns().IsCooling(key));
        using var served = await h.PostAsync("v1/messages", Claude("[[emu:text again]]"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task ModelOnlySomeAccountsServe_IsRoutedOnlyToThem()
    {
        var (h, _) = await StartAsync(Pool(2), Pinned(1));
        await using var _h = h;
        await h.Emulator.Control.RemoveModelAsync(Email(1), "gemini-3.1-pro-low", Ct);
        await h.ReadQuotaAsync();
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var pro = await h.PostAsync("v1/messages", Body("gemini-3.1-pro-low", "[[emu:text pro]]"));
        using var flash = await h.PostAsync("v1/messages", Gemini("[[emu:text flash]]"));

        Assert.Equal((HttpStatusCode.OK, Email(2)), (pro.StatusCode, Email(pro)));
        Assert.Equal((HttpStatusCode.OK, Email(1)), (flash.StatusCode, Email(flash)));
        Assert.DoesNotContain(await h.CallsAsync(Email(1)), c => c.Model == "gemini-3.1-pro-low");
    }
}
