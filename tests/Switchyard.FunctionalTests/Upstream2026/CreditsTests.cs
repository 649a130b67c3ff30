using System.Net;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;
using static Switchyard.FunctionalTests.Upstream2026.Kit2026;

namespace Switchyard.FunctionalTests.Upstream2026;

/// <summary>Google One AI credits (upstream-2026 §3): <c>Credits:Mode</c> off, last-resort and always, and exhaustion.</summary>
public sealed class CreditsTests
{
    private const string OptIn = "\"enabledCreditTypes\":[\"GOOGLE_ONE_AI\"]";
    private static readonly TimeSpan Week = TimeSpan.FromDays(3);

    [Fact]
    public async Task Off_EveryAccountsWindowEmpty_429WithTheResetAndNothingSent()
    {
        var (h, _) = await StartAsync(Pool(2));
        await using var _h = h;
        await h.DrainAsync(Email(1), "3p-weekly", Week);
        await h.DrainAsync(Email(2), "3p-weekly", Week);
        await h.ReadQuotaAsync();
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var response = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, Week - TimeSpan.FromMinutes(5), Week + TimeSpan.FromMinutes(1));
        Assert.Empty(await h.CallsAsync());
    }

    [Fact]
    public async Task LastResort_FreeQuotaFirst_CreditsOnlyWhenEveryAccountIsEmpty_SpendLogged()
    {
        var (h, finished) = await StartAsync(Pool(2), s => s["Credits:Mode"] = "last-resort");
        await using var _h = h;
        await h.DrainAsync(Email(1), "3p-weekly", Week);
        await h.ReadQuotaAsync();
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var free = await h.PostAsync("v1/messages", Claude("[[emu:text free]]", "s1"));
        Assert.Equal((HttpStatusCode.OK, Email(2)), (free.StatusCode, Email(free)));
        Assert.DoesNotContain(OptIn, (await h.CallsAsync()).Single().Body, StringComparison.Ordinal);
        Assert.Null((await h.LoggedAsync(finished, free, 1))["creditsConsumed"]);

        await h.DrainAsync(Email(2), "3p-weekly", Week);
        await h.ReadQuotaAsync();
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        using var paid = await h.PostAsync("v1/messages", Claude("[[emu:text paid]]", "s2"));

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Contains(OptIn, (await h.CallsAsync()).Single().Body, StringComparison.Ordinal);
        Assert.Contains("credits", Decision(paid), StringComparison.Ordinal);
        Assert.Equal(25, (long)(await h.LoggedAsync(finished, paid, 2))["creditsConsumed"]!);
    }

    [Fact]
    public async Task Always_OptsInOnEveryRequestOfThatAccount_AndServesPastItsEmptyWindow()
    {
        var (h, finished) = await StartAsync(Pool(2), s =>
        {
            s["Credits:Accounts:" + Email(1)] = "always";
            s["Scheduling:FixedAccount"] = Email(1);
        });
        await using var _h = h;
        await h.ReadQuotaAsync();

        // Free quota left: the opt-in rides along and the upstream spends quota, not credits.
        using var withQuota = await h.PostAsync("v1/messages", Claude("[[emu:text quota]]"));
        Assert.Equal((HttpStatusCode.OK, Email(1)), (withQuota.StatusCode, Email(withQuota)));
        Assert.Contains(OptIn, (await h.CallsAsync()).Single().Body, StringComparison.Ordinal);
        Assert.Null((await h.LoggedAsync(finished, withQuota, 1))["creditsConsumed"]);

        await h.DrainAsync(Email(1), "3p-weekly", Week);
        await h.ReadQuotaAsync();
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        using var onCredits = await h.PostAsync("v1/messages", Claude("[[emu:text credits]]"));

        Assert.Equal((HttpStatusCode.OK, Email(1)), (onCredits.StatusCode, Email(onCredits)));
        Assert.Contains(OptIn, (await h.CallsAsync()).Single().Body, StringComparison.Ordinal);
        Assert.Equal(25, (long)(await h.LoggedAsync(finished, onCredits, 2))["creditsConsumed"]!);
        await h.ReadQuotaAsync();
        Assert.Equal(975, h.Quota().Get(h.Id(Email(1))).Credits!.Amount);
    }

    [Fact]
    public async Task Exhausted_CreditsOffForThatAccount_UntilTheBalanceReturns()
    {
        var (h, _) = await StartAsync(Pool(2), s =>
        {
            s["Credits:Mode"] = "always";
            s["Scheduling:FixedAccount"] = Email(1);
        });
        await using var _h = h;
        await h.DrainAsync(Email(1), "3p-weekly", Week);
        await h.ReadQuotaAsync();
        await h.Emulator.Control.SetCreditsAsync(Email(1), 10, Ct);
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        // The gateway still believes in the balance it read: the upstream says INSUFFICIENT_G1_CREDITS_BALANCE.
        using var first = await h.PostAsync("v1/messages", Claude("[[emu:text one]]"));
        Assert.Equal((HttpStatusCode.OK, Email(2)), (first.StatusCode, Email(first)));
        Assert.Equal([429, 200], (await h.CallsAsync()).Select(c => c.Status));
        Assert.True(h.Quota().Get(h.Id(Email(1))).CreditsExhausted);

        // Credits stay off for user1: its empty window keeps it out, pinned or not.
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        using var second = await h.PostAsync("v1/messages", Claude("[[emu:text two]]"));
        Assert.Equal(Email(2), Email(second));
        Assert.Empty(await h.CallsAsync(Email(1)));

        // The balance returns: the next reading turns credits back on.
        await h.Emulator.Control.SetCreditsAsync(Email(1), 1000, Ct);
        await h.ReadQuotaAsync();
        using var third = await h.PostAsync("v1/messages", Claude("[[emu:text three]]"));
        Assert.Equal((HttpStatusCode.OK, Email(1)), (third.StatusCode, Email(third)));
    }
}
