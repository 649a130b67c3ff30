using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

/// <summary>Limits, waits, tiers, offsets, exclusions, the fixed account and pools.</summary>
public sealed partial class AccountSchedulerTests
{
    [Fact]
    public void Pick_AllLimitedSoonestWithinMaxWait_WaitsForTheSoonest()
    {
        var sut = CreateSut(maxWait: 60);
        var accounts = SchedulerFixture.Accounts(3);
        sut.Limit("a1", 300);
        sut.Limit("a2", 45);
        sut.Limit("a3", 3600, UpstreamFailureKind.QuotaExhausted);

        var decision = sut.Pick(accounts, session: "conv");

        Assert.Equal(SchedulingOutcome.Wait, decision.Outcome);
        Assert.Equal("a2", decision.Account?.AccountId);
        Assert.Equal(TimeSpan.FromSeconds(45), decision.Delay);
    }

    [Fact]
    public void Pick_AllLimitedBeyondMaxWait_Unavailable429WithRetryAfterOfTheSoonest()
    {
        var sut = CreateSut(maxWait: 60);
        var accounts = SchedulerFixture.Accounts(2);
        sut.Limit("a1", 7985.12, UpstreamFailureKind.QuotaExhausted);
        sut.Limit("a2", 119.5);

        var decision = sut.Pick(accounts);

        Assert.Equal(SchedulingOutcome.Unavailable, decision.Outcome);
        Assert.Null(decision.Account);
        Assert.Equal("120", RetryAfterHeader.Format(decision.Delay!.Value));
    }

    [Fact]
    public void Pick_WaitAlreadySpent_CountsAgainstMaxWait()
    {
        var sut = CreateSut(maxWait: 60);
        var accounts = SchedulerFixture.Accounts(1);
        sut.Limit("a1", 30);

        Assert.Equal(SchedulingOutcome.Wait, sut.Pick(accounts, waited: TimeSpan.FromSeconds(30)).Outcome);
        Assert.Equal(SchedulingOutcome.Unavailable, sut.Pick(accounts, waited: TimeSpan.FromSeconds(31)).Outcome);
    }

    [Fact]
    public void Pick_MaxWaitZero_NeverWaits()
    {
        var sut = CreateSut(maxWait: 0);
        sut.Limit("a1", 2);

        var decision = sut.Pick(SchedulerFixture.Accounts(1));

        Assert.Equal(SchedulingOutcome.Unavailable, decision.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(2), decision.Delay);
    }

    [Fact]
    public void Pick_OnlyTriedAccountIsRateLimited_WaitsForIt()
    {
        var sut = CreateSut(maxWait: 60);
        sut.Limit("a1", 5);

        var decision = sut.Pick(SchedulerFixture.Accounts(1), tried: new HashSet<string> { "a1" }, forceRotate: true);

        Assert.Equal(SchedulingOutcome.Wait, decision.Outcome);
        Assert.Equal("a1", decision.Account?.AccountId);
    }

    [Fact]
    public void Pick_AllProtected_UnavailableWithoutDelay()
    {
        var sut = CreateSut();
        var accounts = SchedulerFixture.Accounts(2).Select(a => a with { ProtectionReached = true }).ToList();

        var decision = sut.Pick(accounts);

        Assert.Equal(SchedulingOutcome.Unavailable, decision.Outcome);
        Assert.Null(decision.Delay);
        Assert.Contains("quota-protection", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SelectionPolicies.Sticky)]
    [InlineData(SelectionPolicies.Hybrid)]
    [InlineData(SelectionPolicies.RoundRobin)]
    public void Pick_TierTieBreak_UltraBeforeProBeforeFree(string strategy)
    {
        var sut = CreateSut(strategy);
        List<SchedulingCandidate> accounts =
        [
            new("free", "f@x", AccountTier.Free),
            new("pro", "p@x", AccountTier.Pro),
            new("ultra", "u@x", AccountTier.Ultra),
        ];

        Assert.Equal("ultra", sut.PickId(accounts));
    }

    [Theory]
    [InlineData(SelectionPolicies.Sticky)]
    [InlineData(SelectionPolicies.Hybrid)]
    public void Pick_SameTier_MoreRemainingQuotaFirst(string strategy)
    {
        var sut = CreateSut(strategy);
        List<SchedulingCandidate> accounts =
        [
            new("low", "l@x", AccountTier.Pro, RemainingFraction: 0.2),
            new("unknown", "n@x", AccountTier.Pro),
            new("high", "h@x", AccountTier.Pro, RemainingFraction: 0.9),
        ];

        Assert.Equal("high", sut.PickId(accounts));
    }

    [Theory]
    [InlineData(SelectionPolicies.Sticky)]
    [InlineData(SelectionPolicies.Hybrid)]
    public void Pick_ParallelNewSessionsWithSpreading_StartOnDifferentAccounts(string strategy)
    {
        var sut = CreateSut(strategy, spread: true);
        var accounts = SchedulerFixture.Accounts(3);

        var ids = new[] { "s1", "s2", "s3" }.Select(s => sut.PickId(accounts, session: s)).ToList();

        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public void Pick_ParallelSessionsOnStickyWithSpreading_FourthSessionWrapsAround()
    {
        var sut = CreateSut(SelectionPolicies.Sticky, spread: true);
        var accounts = SchedulerFixture.Accounts(3);

        var ids = new[] { "s1", "s2", "s3", "s4" }.Select(s => sut.PickId(accounts, session: s)).ToList();

        Assert.Equal(["a1", "a2", "a3", "a1"], ids);
    }

    [Fact]
    public void Pick_OffsetHint_StartsAtThatAccount()
    {
        var sut = CreateSut(SelectionPolicies.Sticky);

        Assert.Equal("a3", sut.PickId(SchedulerFixture.Accounts(3), session: "agent-7", offset: 5));
    }

    [Fact]
    public void Pick_ExcludedAccounts_NeverPicked()
    {
        var sut = CreateSut(SelectionPolicies.RoundRobin);
        List<SchedulingCandidate> accounts =
        [
            new("disabled", "d@x", AccountTier.Ultra, Enabled: false),
            new("protected", "p@x", AccountTier.Ultra, ProtectionReached: true),
            new("cooling", "c@x", AccountTier.Ultra),
            new("tried", "t@x", AccountTier.Ultra),
            new("ok", "o@x", AccountTier.Free),
        ];
        sut.Cooldowns.Record(new RateLimitKey("cooling", SchedulerFixture.Group, SchedulerFixture.Pool), new UpstreamFailure(UpstreamFailureKind.QuotaExhausted, 429));

        var picks = Enumerable.Range(0, 50).Select(_ => sut.Pick(accounts, tried: new HashSet<string> { "tried" })).ToList();

        Assert.All(picks, d => Assert.Equal("ok", d.Account?.AccountId));
        Assert.Contains("skip cooling: cooling 60s in antigravity (QuotaExhausted)", picks[0].Trace);
        Assert.Contains("skip tried: tried", picks[0].Trace);
        Assert.Contains("skip protected: quota protection", picks[0].Trace);
    }

    [Fact]
    public void Pick_AccountWideCooldown_ExcludesEveryGroup()
    {
        var sut = CreateSut();
        sut.Cooldowns.Record(new RateLimitKey("a1", "gemini-pro", QuotaPools.GeminiCli), new UpstreamFailure(UpstreamFailureKind.ValidationRequired, 403));

        Assert.Equal("a2", sut.PickId(SchedulerFixture.Accounts(2)));
    }

    [Fact]
    public void Pick_FixedAccount_WinsOverBindingAndFallsThroughWhenCooling()
    {
        var sut = CreateSut(SelectionPolicies.Sticky, fixedAccount: "A3@example.com");
        var accounts = SchedulerFixture.Accounts(3);
        sut.Store.SetBinding("conv", SchedulerFixture.Group, "a1");

        Assert.Equal("a3", sut.PickId(accounts, session: "conv"));

        sut.Limit("a3", 30);
        var decision = sut.Pick(accounts, session: "conv");
        Assert.NotEqual("a3", decision.Account?.AccountId);
        Assert.Contains("fixed account A3@example.com not usable", decision.Trace);
    }

    [Fact]
    public void Pick_FixedAccountSetAtRuntime_AppliesOnNextPick()
    {
        var sut = CreateSut(SelectionPolicies.Sticky);
        var accounts = SchedulerFixture.Accounts(3);
        Assert.Equal("a1", sut.PickId(accounts));

        sut.Options.CurrentValue = new SchedulingOptions { Strategy = SelectionPolicies.Sticky, FixedAccount = "a2" };

        Assert.Equal("a2", sut.PickId(accounts));
    }

    [Fact]
    public void Pick_GeminiQuotaExhaustedInAntigravityOnEveryAccount_UsesGeminiCliPool()
    {
        var sut = CreateSut();
        var accounts = SchedulerFixture.Accounts(2).Select(c => c with { GeminiCli = true }).ToList();
        sut.Limit("a1", 3600, UpstreamFailureKind.QuotaExhausted);
        sut.Limit("a2", 3600, UpstreamFailureKind.QuotaExhausted);

        var decision = sut.Pick(accounts, fallbackPool: QuotaPools.GeminiCli);

        Assert.Equal(SchedulingOutcome.Selected, decision.Outcome);
        Assert.Equal(QuotaPools.GeminiCli, decision.Pool);
    }

    [Fact]
    public void Pick_OneAccountStillFreeInAntigravity_StaysInAntigravity()
    {
        var sut = CreateSut();
        sut.Limit("a1", 3600, UpstreamFailureKind.QuotaExhausted);

        var decision = sut.Pick(SchedulerFixture.Accounts(2), fallbackPool: QuotaPools.GeminiCli);

        Assert.Equal(QuotaPools.Antigravity, decision.Pool);
        Assert.Equal("a2", decision.Account?.AccountId);
    }

    [Fact]
    public void Pick_PerformanceFirst_BindsNothing()
    {
        var sut = CreateSut(mode: SchedulingModes.PerformanceFirst);

        sut.PickId(SchedulerFixture.Accounts(2), session: "conv");

        Assert.Null(sut.Store.GetBinding("conv", SchedulerFixture.Group));
    }

    [Fact]
    public void HasAvailable_OnlyTriedOrCooling_False()
    {
        var sut = CreateSut();
        var accounts = SchedulerFixture.Accounts(2);
        sut.Limit("a2", 10);

        Assert.True(sut.Scheduler.HasAvailable(accounts, SchedulerFixture.Group, SchedulerFixture.Pool, null));
        Assert.False(sut.Scheduler.HasAvailable(accounts, SchedulerFixture.Group, SchedulerFixture.Pool, new HashSet<string> { "a1" }));
    }

    [Fact]
    public void Pick_NoEnabledAccount_Unavailable()
    {
        var decision = CreateSut().Pick([new SchedulingCandidate("a1", "a@x", Enabled: false)]);

        Assert.Equal(SchedulingOutcome.Unavailable, decision.Outcome);
        Assert.Equal("no enabled account", decision.Reason);
    }
}
