using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

/// <summary>Tier-first new sessions, spreading only when asked, and the manager's reuse window.</summary>
public sealed partial class AccountSchedulerTests
{
    private static List<SchedulingCandidate> Tiered() =>
    [
        new("free", "f@x", AccountTier.Free),
        new("pro", "p@x", AccountTier.Pro),
        new("ultra", "u@x", AccountTier.Ultra),
    ];

    [Theory]
    [InlineData(SelectionPolicies.Sticky, null)]
    [InlineData(SelectionPolicies.Hybrid, null)]
    [InlineData(null, SchedulingModes.CacheFirst)]
    [InlineData(null, SchedulingModes.Balance)]
    public void Pick_NewSessionsOnUltraProFree_AllGoToUltraUntilItIsLimited(string? strategy, string? mode)
    {
        var sut = CreateSut(strategy, mode);
        var accounts = Tiered();

        var first = new[] { "s1", "s2", "s3" }.Select(s => sut.PickId(accounts, session: s)).ToList();
        sut.Limit("ultra", 3600);
        var afterLimit = sut.PickId(accounts, session: "s4");

        Assert.Equal(["ultra", "ultra", "ultra"], first);
        Assert.Equal("pro", afterLimit);
    }

    [Fact]
    public void Pick_NewSessionsUnderRoundRobin_SpreadOverEveryTier()
    {
        var sut = CreateSut(SelectionPolicies.RoundRobin);

        var ids = new[] { "s1", "s2", "s3" }.Select(s => sut.PickId(Tiered(), session: s)).ToList();

        Assert.Equal(["ultra", "pro", "free"], ids);
    }

    [Theory]
    [InlineData(SelectionPolicies.Sticky)]
    [InlineData(SelectionPolicies.Hybrid)]
    public void Pick_SpreadNewSessions_SpreadsOnlyWithinTheHighestTierWithRoom(string strategy)
    {
        var sut = CreateSut(strategy, spread: true);
        List<SchedulingCandidate> accounts = [new("u1", "u1@x", AccountTier.Ultra), new("u2", "u2@x", AccountTier.Ultra), new("p1", "p1@x", AccountTier.Pro)];

        var ids = Enumerable.Range(1, 6).Select(i => sut.PickId(accounts, session: $"s{i}")).ToList();

        Assert.Equal(["u1", "u2"], ids.Distinct().Order());
        Assert.Equal(3, ids.Count(id => id == "u1"));
    }

    [Fact]
    public void Pick_OffsetHeaderWithoutSpreadSetting_SpreadsWithinTheTopTier()
    {
        var sut = CreateSut(SelectionPolicies.Sticky);
        List<SchedulingCandidate> accounts = [new("u1", "u1@x", AccountTier.Ultra), new("u2", "u2@x", AccountTier.Ultra), new("p1", "p1@x", AccountTier.Pro)];

        var decision = sut.Pick(accounts, session: "agent-2", offset: 1);

        Assert.Equal("u2", decision.Account?.AccountId);
        Assert.Equal(1, decision.Details?.Offset);
        Assert.Equal("header", decision.Details?.OffsetSource);
    }

    [Fact]
    public void Pick_HybridTopTierAllUnhealthy_NextTierBeforeStickyFallback()
    {
        var sut = CreateSut(SelectionPolicies.Hybrid);
        for (var i = 0; i < 2; i++)
        {
            sut.Scheduler.ReportFailure("ultra", UpstreamFailureKind.ServerError); // 70 → 30
        }

        var decision = sut.Pick(Tiered());

        Assert.Equal("pro", decision.Account?.AccountId);
        Assert.Equal("PRO", decision.Details?.Tier);
        Assert.Equal("filtered", decision.Details?.Candidates.Single(c => c.AccountId == "ultra").Skip);
    }

    [Fact]
    public void Pick_ReuseWindowUnderBalance_ReusesWithin60SecondsThenReleases()
    {
        var sut = CreateSut(mode: SchedulingModes.Balance);
        var accounts = SchedulerFixture.Accounts(3);

        var first = sut.Pick(accounts, session: "s1");
        sut.Time.Advance(TimeSpan.FromSeconds(59));
        var within = sut.Pick(accounts, session: "s2");
        sut.Time.Advance(TimeSpan.FromSeconds(61));
        var after = sut.Pick(accounts, session: "s3");

        Assert.Equal("a1", first.Account?.AccountId);
        Assert.Equal("a1", within.Account?.AccountId);
        Assert.Equal("reuse window", within.Reason);
        Assert.NotEqual("a1", after.Account?.AccountId); // hybrid: a1 is the least fresh
        Assert.Equal(SelectionPolicies.Hybrid, after.Reason);
    }

    [Fact]
    public void Pick_ReuseWindowAccountLimited_PicksAnotherAtOnce()
    {
        var sut = CreateSut(mode: SchedulingModes.CacheFirst, maxWait: 0);
        var accounts = SchedulerFixture.Accounts(2);
        Assert.Equal("a1", sut.PickId(accounts, session: "s1"));
        sut.Limit("a1", 30);

        var decision = sut.Pick(accounts, session: "s2");

        Assert.Equal("a2", decision.Account?.AccountId);
        Assert.NotEqual("reuse window", decision.Reason);
    }

    [Fact]
    public void Pick_ReuseWindowUnderPerformanceFirst_Off()
    {
        var sut = CreateSut(mode: SchedulingModes.PerformanceFirst);
        var accounts = SchedulerFixture.Accounts(2);

        var ids = Enumerable.Range(0, 2).Select(_ => sut.PickId(accounts)).ToList();

        Assert.Equal(["a1", "a2"], ids);
        Assert.Equal(0, sut.Pick(accounts).Details?.ReuseWindowSeconds);
    }

    [Fact]
    public void Pick_ReuseWindowSetAtRuntime_AppliesOnTheNextPick()
    {
        var sut = CreateSut(SelectionPolicies.RoundRobin);
        var accounts = SchedulerFixture.Accounts(3);
        Assert.Equal("a1", sut.PickId(accounts));

        sut.Options.CurrentValue = new SchedulingOptions { Strategy = SelectionPolicies.RoundRobin, ReuseWindowSeconds = 10 };
        var reused = sut.Pick(accounts);
        sut.Time.Advance(TimeSpan.FromSeconds(11));
        var released = sut.PickId(accounts);

        Assert.Equal(("a1", "reuse window"), (reused.Account?.AccountId, reused.Reason));
        Assert.Equal("a2", released);
    }

    [Fact]
    public void Pick_BoundSession_BindingWinsOverTheReuseWindow()
    {
        var sut = CreateSut(mode: SchedulingModes.Balance, spread: true);
        var accounts = SchedulerFixture.Accounts(2);
        var a = sut.PickId(accounts, session: "conv-a");
        sut.Time.Advance(TimeSpan.FromMinutes(2));
        var b = sut.PickId(accounts, session: "conv-b");
        sut.Time.Advance(TimeSpan.FromSeconds(5));

        var decision = sut.Pick(accounts, session: "conv-a");

        Assert.NotEqual(a, b);
        Assert.Equal((a, "session binding"), (decision.Account?.AccountId, decision.Reason));
    }
}
