using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

/// <summary>Weekly pacing as the scheduler applies it.</summary>
public sealed partial class AccountSchedulerTests
{
    [Fact]
    public void Pick_AccountAheadOfPace_SkippedWhileOneOnPaceIsFree()
    {
        var sut = CreateSut(SelectionPolicies.Sticky);
        List<SchedulingCandidate> accounts = [new("ahead", "a@x", AccountTier.Ultra, Pace: PaceState.Ahead), new("paced", "p@x", AccountTier.Pro)];

        var decision = sut.Pick(accounts);

        Assert.Equal("paced", decision.Account?.AccountId);
        Assert.Equal("pacing", decision.Details!.Candidates.Single(c => c.AccountId == "ahead").Skip);
    }

    [Fact]
    public void Pick_EveryAccountAheadOfPace_StillServes()
    {
        var sut = CreateSut(SelectionPolicies.Sticky);
        List<SchedulingCandidate> accounts = [new("a1", "a1@x", AccountTier.Pro, Pace: PaceState.Ahead), new("a2", "a2@x", AccountTier.Pro, Pace: PaceState.Ahead)];

        var decision = sut.Pick(accounts);

        Assert.Equal("a1", decision.Account?.AccountId);
        Assert.Contains("every usable account is ahead of its weekly pace", decision.Details!.Notes);
    }

    [Fact]
    public void Pick_AccountDownToItsReserve_InteractiveUsesItBackgroundDoesNot()
    {
        var sut = CreateSut(SelectionPolicies.Sticky);
        List<SchedulingCandidate> accounts = [new("reserve", "r@x", AccountTier.Ultra, Pace: PaceState.Reserve), new("other", "o@x", AccountTier.Free)];

        var interactive = sut.Scheduler.Pick(accounts, new SchedulingRequest("conv", SchedulerFixture.Group, SchedulerFixture.Pool));
        var background = sut.Scheduler.Pick(accounts, new SchedulingRequest(null, SchedulerFixture.Group, SchedulerFixture.Pool, Background: true));

        Assert.Equal("reserve", interactive.Account?.AccountId);
        Assert.Equal("other", background.Account?.AccountId);
        Assert.Equal("pacing-reserve", background.Details!.Candidates.Single(c => c.AccountId == "reserve").Skip);
    }
}
