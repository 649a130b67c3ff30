using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

/// <summary>The gemini-cli fallback (quota only, accounts that keep the pool), family windows and credits.</summary>
public sealed partial class AccountSchedulerTests
{
    private static readonly string[] GeminiWindows = ["gemini-5h", "gemini-weekly"];

    [Fact]
    public void Pick_QuotaExhaustedEverywhere_FallsBackOnlyToAnAccountWhosePoolIsConfirmed()
    {
        var sut = CreateSut();
        List<SchedulingCandidate> accounts =
        [
            new("a1", "a1@example.com", GeminiCli: null),
            new("a2", "a2@example.com", GeminiCli: false),
            new("a3", "a3@example.com", GeminiCli: true),
        ];
        foreach (var a in accounts)
        {
            sut.Limit(a.AccountId, 3600, UpstreamFailureKind.QuotaExhausted);
        }

        var decision = sut.Pick(accounts, fallbackPool: QuotaPools.GeminiCli);

        Assert.Equal(SchedulingOutcome.Selected, decision.Outcome);
        Assert.Equal(QuotaPools.GeminiCli, decision.Pool);
        Assert.Equal("a3", decision.Account?.AccountId);
    }

    [Fact]
    public void Pick_QuotaExhaustedAndNoAccountKeepsThePool_UnavailableInTheFirstPool()
    {
        var sut = CreateSut(maxWait: 0);
        List<SchedulingCandidate> accounts = [new("a1", "a1@example.com", GeminiCli: null), new("a2", "a2@example.com", GeminiCli: false)];
        sut.Limit("a1", 3600, UpstreamFailureKind.QuotaExhausted);
        sut.Limit("a2", 3600, UpstreamFailureKind.QuotaExhausted);

        var decision = sut.Pick(accounts, fallbackPool: QuotaPools.GeminiCli);

        Assert.Equal(SchedulingOutcome.Unavailable, decision.Outcome);
        Assert.Equal(QuotaPools.Antigravity, decision.Pool);
        Assert.Equal(TimeSpan.FromSeconds(3600), decision.Delay);
    }

    [Theory]
    [InlineData(nameof(UpstreamFailureKind.CapacityExhausted))]
    [InlineData(nameof(UpstreamFailureKind.RateLimited))]
    [InlineData(nameof(UpstreamFailureKind.UnknownRateLimit))]
    public void Pick_EveryAccountLimitedOtherThanByQuota_StaysOutOfTheGeminiCliPool(string kindName)
    {
        var kind = Enum.Parse<UpstreamFailureKind>(kindName);
        var sut = CreateSut(maxWait: 0);
        var accounts = SchedulerFixture.Accounts(2).Select(c => c with { GeminiCli = true }).ToList();
        sut.Limit("a1", 30, kind);
        sut.Limit("a2", 30, kind);

        var decision = sut.Pick(accounts, fallbackPool: QuotaPools.GeminiCli);

        Assert.Equal(SchedulingOutcome.Unavailable, decision.Outcome);
        Assert.Equal(QuotaPools.Antigravity, decision.Pool);
        Assert.NotNull(decision.Delay);
    }

    [Fact]
    public void Pick_FamilyWindowEmptyOnEveryAccount_FallsBackToTheGeminiCliPool()
    {
        var sut = CreateSut();
        var accounts = SchedulerFixture.Accounts(2).Select(c => c with { GeminiCli = true }).ToList();
        EmptyWindow(sut, "a1", "gemini-weekly");
        EmptyWindow(sut, "a2", "gemini-5h");

        var decision = sut.Scheduler.Pick(accounts, GeminiRequest(QuotaPools.GeminiCli));

        Assert.Equal(SchedulingOutcome.Selected, decision.Outcome);
        Assert.Equal(QuotaPools.GeminiCli, decision.Pool);
    }

    [Fact]
    public void Pick_FamilyWindowEmptyOnOneAccount_PicksTheOtherInTheFirstPool()
    {
        var sut = CreateSut();
        var accounts = SchedulerFixture.Accounts(2).Select(c => c with { GeminiCli = true }).ToList();
        EmptyWindow(sut, "a1", "gemini-weekly");

        var decision = sut.Scheduler.Pick(accounts, GeminiRequest(QuotaPools.GeminiCli));

        Assert.Equal(QuotaPools.Antigravity, decision.Pool);
        Assert.Equal("a2", decision.Account?.AccountId);
    }

    [Fact]
    public void Pick_WindowEmptyEverywhereWithLastResortCredits_ServesOnCredits()
    {
        var sut = CreateSut();
        List<SchedulingCandidate> accounts =
        [
            new("a1", "a1@example.com", Credits: CreditUse.None),
            new("a2", "a2@example.com", Credits: CreditUse.LastResort),
        ];
        EmptyWindow(sut, "a1", "gemini-weekly");
        EmptyWindow(sut, "a2", "gemini-weekly");

        var decision = sut.Scheduler.Pick(accounts, GeminiRequest(fallback: null));

        Assert.Equal(SchedulingOutcome.Selected, decision.Outcome);
        Assert.Equal("a2", decision.Account?.AccountId);
        Assert.True(decision.UseCredits);
    }

    [Fact]
    public void Pick_WindowEmptyOnOneAccountWithLastResortCredits_PicksTheFreeAccountWithoutCredits()
    {
        var sut = CreateSut();
        List<SchedulingCandidate> accounts =
        [
            new("a1", "a1@example.com", AccountTier.Ultra, Credits: CreditUse.LastResort),
            new("a2", "a2@example.com", AccountTier.Pro, Credits: CreditUse.LastResort),
        ];
        EmptyWindow(sut, "a1", "gemini-weekly");

        var decision = sut.Scheduler.Pick(accounts, GeminiRequest(fallback: null));

        Assert.Equal("a2", decision.Account?.AccountId);
        Assert.False(decision.UseCredits);
    }

    private static SchedulingRequest GeminiRequest(string? fallback) =>
        new(null, SchedulerFixture.Group, QuotaPools.Antigravity, FallbackPool: fallback, WindowKeys: GeminiWindows);

    private static void EmptyWindow(SchedulerFixture sut, string accountId, string window) =>
        sut.Cooldowns.Record(new RateLimitKey(accountId, window, QuotaPools.Antigravity),
            new UpstreamFailure(UpstreamFailureKind.QuotaExhausted, 429, TimeSpan.FromHours(50)));
}
