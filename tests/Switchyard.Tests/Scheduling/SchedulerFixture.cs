using Microsoft.Extensions.Time.Testing;
using Switchyard.RateLimits;
using Switchyard.Scheduling;
using Switchyard.Tests.RateLimits;

namespace Switchyard.Tests.Scheduling;

/// <summary>A scheduler over a fake clock, an in-memory store and a real cooldown tracker.</summary>
internal sealed class SchedulerFixture
{
    public const string Group = "claude";
    public const string Pool = QuotaPools.Antigravity;

    public SchedulerFixture(SchedulingOptions? options = null)
    {
        Options = new TestOptionsMonitor<SchedulingOptions>(options ?? new SchedulingOptions());
        Store = new InMemorySchedulingStateStore(Time, Microsoft.Extensions.Options.Options.Create(Options.CurrentValue));
        Cooldowns = new CooldownTracker(new Switchyard.Tests.Models.FakeOptionsMonitor<RateLimitOptions>(new RateLimitOptions()), Time, new ScriptedRandom(0.5));
        Scheduler = new AccountScheduler(Options, Store, Cooldowns, Time, []);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero));

    public TestOptionsMonitor<SchedulingOptions> Options { get; }

    public InMemorySchedulingStateStore Store { get; }

    public CooldownTracker Cooldowns { get; }

    public AccountScheduler Scheduler { get; }

    public static List<SchedulingCandidate> Accounts(int count, AccountTier tier = AccountTier.Pro) =>
        Enumerable.Range(1, count).Select(i => new SchedulingCandidate($"a{i}", $"a{i}@example.com", tier)).ToList();

    public SchedulingDecision Pick(IReadOnlyList<SchedulingCandidate> accounts, string? session = null, IReadOnlySet<string>? tried = null,
        bool forceRotate = false, int? offset = null, TimeSpan waited = default, string? fallbackPool = null, string pool = Pool) =>
        Scheduler.Pick(accounts, new SchedulingRequest(session, Group, pool, tried, forceRotate, offset, waited, fallbackPool));

    public string PickId(IReadOnlyList<SchedulingCandidate> accounts, string? session = null, IReadOnlySet<string>? tried = null, bool forceRotate = false, int? offset = null)
    {
        var decision = Pick(accounts, session, tried, forceRotate, offset);
        Assert.True(decision.Outcome == SchedulingOutcome.Selected, decision.TraceHeader);
        return decision.Account!.AccountId;
    }

    public void Limit(string accountId, double seconds, UpstreamFailureKind kind = UpstreamFailureKind.RateLimited, string pool = Pool) =>
        Cooldowns.Record(new RateLimitKey(accountId, Group, pool), new UpstreamFailure(kind, 429, TimeSpan.FromSeconds(seconds)));
}
