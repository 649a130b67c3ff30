using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

public sealed partial class AccountSchedulerTests
{
    private static SchedulerFixture CreateSut(string? strategy = null, string? mode = null, int maxWait = 60, string? fixedAccount = null, bool spread = false) =>
        new(new SchedulingOptions { Strategy = strategy, Mode = mode, MaxWaitSeconds = maxWait, FixedAccount = fixedAccount, SpreadNewSessions = spread });

    private static Dictionary<string, int> Distribution(SchedulerFixture sut, List<SchedulingCandidate> accounts, int picks, TimeSpan step)
    {
        var counts = accounts.ToDictionary(a => a.AccountId, _ => 0);
        for (var i = 0; i < picks; i++)
        {
            var id = sut.PickId(accounts);
            counts[id]++;
            sut.Scheduler.ReportSuccess(id);
            sut.Time.Advance(step);
        }

        return counts;
    }

    [Fact]
    public void Pick_RoundRobin1000Picks_EachAccountEqually()
    {
        var sut = CreateSut(SelectionPolicies.RoundRobin);

        var counts = Distribution(sut, SchedulerFixture.Accounts(4), 1000, TimeSpan.Zero);

        Assert.All(counts.Values, c => Assert.Equal(250, c));
    }

    [Fact]
    public void Pick_RoundRobin_NextAccountEveryRequestEvenWithSession()
    {
        var sut = CreateSut(SelectionPolicies.RoundRobin);
        var accounts = SchedulerFixture.Accounts(3);

        var ids = Enumerable.Range(0, 3).Select(_ => sut.PickId(accounts, session: "s1")).ToList();

        Assert.Equal(["a1", "a2", "a3"], ids);
    }

    [Fact]
    public void Pick_Sticky1000Picks_StaysOnOneAccountUntilLimited()
    {
        var sut = CreateSut(SelectionPolicies.Sticky);
        var accounts = SchedulerFixture.Accounts(3);

        var counts = Distribution(sut, accounts, 1000, TimeSpan.FromSeconds(1));
        Assert.Equal(1000, counts["a1"]);

        sut.Limit("a1", 300);
        Assert.Equal("a2", sut.PickId(accounts));
        sut.Time.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal("a2", sut.PickId(accounts)); // stays on the new account after a1 recovers
    }

    [Fact]
    public void Pick_Hybrid1000Picks_SpreadsLoadAcrossAccounts()
    {
        var sut = CreateSut(SelectionPolicies.Hybrid);

        // One pick every 4 s: 0.25 picks/s against 3 × 0.1 tokens/s of regeneration.
        var counts = Distribution(sut, SchedulerFixture.Accounts(3), 1000, TimeSpan.FromSeconds(4));

        Assert.All(counts.Values, c => Assert.InRange(c, 250, 420));
    }

    [Fact]
    public void Pick_HybridBurstWithoutTime_SwitchesWhenTheBucketFallsBehind()
    {
        var sut = CreateSut(SelectionPolicies.Hybrid);
        var accounts = SchedulerFixture.Accounts(2);

        var ids = Enumerable.Range(0, 20).Select(_ => sut.PickId(accounts)).ToList();

        // Pick 1: a tie, a1 first. Pick 2: a1 lost 360 freshness points and one token (10 points), so a2 leads by
        // 370 > 150 and takes over. Then both are equally fresh; a2 keeps the pick until a1 leads by more than
        // the 150-point stickiness, i.e. 16 tokens (160 points): 17 picks in a row.
        string[] expected = ["a1", .. Enumerable.Repeat("a2", 17), "a1", "a1"];
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void ReportFailure_RateLimitsAndRecovery_HealthFallsBelowUsableAndRisesBack()
    {
        var sut = CreateSut(SelectionPolicies.Hybrid);
        var o = sut.Options.CurrentValue.Hybrid;
        double Health() => AccountHealth.Health(sut.Store.GetUsage("a1"), sut.Time.GetTimestamp(), sut.Time, o);

        Assert.Equal(70, Health());
        sut.Scheduler.ReportSuccess("a1");
        Assert.Equal(71, Health());
        sut.Scheduler.ReportFailure("a1", UpstreamFailureKind.QuotaExhausted);
        Assert.Equal(61, Health());
        sut.Scheduler.ReportFailure("a1", UpstreamFailureKind.ValidationRequired);
        Assert.Equal(41, Health());

        sut.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(45, Health(), 6);
        sut.Time.Advance(TimeSpan.FromHours(100));
        Assert.Equal(100, Health(), 6);
    }

    [Fact]
    public void Pick_HybridUnhealthyAccount_SkippedUntilItRecovers()
    {
        var sut = CreateSut(SelectionPolicies.Hybrid);
        List<SchedulingCandidate> accounts = [new("a1", "a1@x", AccountTier.Ultra), new("a2", "a2@x", AccountTier.Pro)];
        Assert.Equal("a1", sut.PickId(accounts));
        sut.Scheduler.ReportFailure("a1", UpstreamFailureKind.ServerError); // 70 → 50: still usable
        sut.Scheduler.ReportFailure("a1", UpstreamFailureKind.RateLimited); // 50 → 40: below 50
        sut.Time.Advance(TimeSpan.FromHours(1)); // 42

        Assert.Equal("a2", sut.PickId(accounts));
        sut.Limit("a2", 36_000);
        Assert.Equal("sticky (fallback)", sut.Pick(accounts).Reason);

        sut.Time.Advance(TimeSpan.FromHours(4)); // 42 + 8 = 50: usable again
        var recovered = sut.Pick(accounts);
        Assert.Equal("a1", recovered.Account?.AccountId);
        Assert.Equal(SelectionPolicies.Hybrid, recovered.Reason);
    }

    [Fact]
    public void Pick_HybridNoAccountPassesFilters_FallsBackToSticky()
    {
        var sut = CreateSut(SelectionPolicies.Hybrid);
        var accounts = SchedulerFixture.Accounts(2);
        foreach (var id in new[] { "a1", "a2" })
        {
            for (var i = 0; i < 3; i++)
            {
                sut.Scheduler.ReportFailure(id, UpstreamFailureKind.ServerError);
            }
        }

        var decision = sut.Pick(accounts);

        Assert.Equal(SchedulingOutcome.Selected, decision.Outcome);
        Assert.Contains("sticky fallback", decision.TraceHeader, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SelectionPolicies.Sticky)]
    [InlineData(SelectionPolicies.Hybrid)]
    public void Pick_SessionBinding_KeptAcrossTurns(string strategy)
    {
        var sut = CreateSut(strategy);
        var accounts = SchedulerFixture.Accounts(3);
        var first = sut.PickId(accounts, session: "conv");

        for (var turn = 0; turn < 20; turn++)
        {
            sut.Time.Advance(TimeSpan.FromMinutes(1));
            var decision = sut.Pick(accounts, session: "conv");
            Assert.Equal(first, decision.Account?.AccountId);
            Assert.Equal("session binding", decision.Reason);
        }
    }

    [Theory]
    [InlineData(SelectionPolicies.Sticky)]
    [InlineData(SelectionPolicies.Hybrid)]
    public void Pick_ForcedRotation_SkipsBindingAndRebinds(string strategy)
    {
        var sut = CreateSut(strategy);
        var accounts = SchedulerFixture.Accounts(3);
        var first = sut.PickId(accounts, session: "conv");
        sut.Limit(first, 120);

        var rotated = sut.PickId(accounts, session: "conv", tried: new HashSet<string> { first }, forceRotate: true);
        sut.Time.Advance(TimeSpan.FromSeconds(121)); // the first account is free again
        var nextTurn = sut.Pick(accounts, session: "conv");

        Assert.NotEqual(first, rotated);
        Assert.Equal(rotated, nextTurn.Account?.AccountId);
        Assert.Equal("session binding", nextTurn.Reason);
    }

    [Fact]
    public void Pick_ForcedRotationWithoutCooldown_StillLeavesTheBoundAccount()
    {
        var sut = CreateSut(SelectionPolicies.Sticky);
        var accounts = SchedulerFixture.Accounts(3);
        var first = sut.PickId(accounts, session: "conv");

        var decision = sut.Pick(accounts, session: "conv", tried: new HashSet<string> { first }, forceRotate: true);

        Assert.NotEqual(first, decision.Account?.AccountId);
        Assert.Contains($"forced rotation away from {first}", decision.TraceHeader, StringComparison.Ordinal);
    }

    [Fact]
    public void Pick_BalanceBoundAccountLimited_RebindsAtOnce()
    {
        var sut = CreateSut(mode: SchedulingModes.Balance);
        var accounts = SchedulerFixture.Accounts(2);
        var first = sut.PickId(accounts, session: "conv");
        sut.Limit(first, 10);

        var decision = sut.Pick(accounts, session: "conv");

        Assert.Equal(SchedulingOutcome.Selected, decision.Outcome);
        Assert.NotEqual(first, decision.Account?.AccountId);
        Assert.Equal(decision.Account?.AccountId, sut.Store.GetBinding("conv", SchedulerFixture.Group));
    }

    [Fact]
    public void Pick_CacheFirstBoundAccountFreesWithinMaxWait_WaitsForIt()
    {
        var sut = CreateSut(mode: SchedulingModes.CacheFirst, maxWait: 60);
        var accounts = SchedulerFixture.Accounts(2);
        var first = sut.PickId(accounts, session: "conv");
        sut.Limit(first, 20);

        var decision = sut.Pick(accounts, session: "conv");

        Assert.Equal(SchedulingOutcome.Wait, decision.Outcome);
        Assert.Equal(first, decision.Account?.AccountId);
        Assert.Equal(TimeSpan.FromSeconds(20), decision.Delay);
    }

    [Fact]
    public void Pick_CacheFirstBoundAccountBeyondMaxWait_Rebinds()
    {
        var sut = CreateSut(mode: SchedulingModes.CacheFirst, maxWait: 60);
        var accounts = SchedulerFixture.Accounts(2);
        var first = sut.PickId(accounts, session: "conv");
        sut.Limit(first, 61);

        var decision = sut.Pick(accounts, session: "conv");

        Assert.Equal(SchedulingOutcome.Selected, decision.Outcome);
        Assert.NotEqual(first, decision.Account?.AccountId);
    }
}
