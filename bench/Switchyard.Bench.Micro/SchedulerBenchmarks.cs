using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Bench.Micro;

/// <summary>
/// AccountScheduler.Pick over five accounts: a plain pick, a pick with a session key (binding lookup), and a
/// pick while two accounts are cooling after rate limits and one was already tried (the failure path).
/// </summary>
[MemoryDiagnoser]
public class SchedulerBenchmarks
{
    private const string Group = "claude";
    private AccountScheduler _scheduler = null!;
    private AccountScheduler _failing = null!;
    private List<SchedulingCandidate> _accounts = [];
    private SchedulingRequest _plain = null!;
    private SchedulingRequest _session = null!;
    private SchedulingRequest _retry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _accounts = Enumerable.Range(1, 5)
            .Select(i => new SchedulingCandidate($"account-{i}", $"bench{i}@example.com", AccountTier.Ultra, RemainingFraction: 1.0 - i * 0.1))
            .ToList();
        _scheduler = Create(out _);
        _failing = Create(out var cooldowns);
        foreach (var id in new[] { "account-1", "account-2" })
        {
            cooldowns.Record(new RateLimitKey(id, Group, QuotaPools.Antigravity), new UpstreamFailure(UpstreamFailureKind.RateLimited, 429, TimeSpan.FromHours(1)));
        }

        _plain = new SchedulingRequest(null, Group, QuotaPools.Antigravity);
        _session = new SchedulingRequest("session-0123456789abcdef", Group, QuotaPools.Antigravity);
        _retry = new SchedulingRequest("session-0123456789abcdef", Group, QuotaPools.Antigravity, Tried: new HashSet<string> { "account-3" }, ForceRotate: true);
        foreach (var (scheduler, request) in new[] { (_scheduler, _plain), (_scheduler, _session), (_failing, _retry) })
        {
            var decision = scheduler.Pick(_accounts, request);
            if (decision.Outcome != SchedulingOutcome.Selected)
            {
                throw new InvalidOperationException("Setup: no account picked: " + decision.TraceHeader);
            }
        }
    }

    private static AccountScheduler Create(out CooldownTracker cooldowns)
    {
        var options = new SchedulingOptions();
        var store = new InMemorySchedulingStateStore(TimeProvider.System, Options.Create(options));
        cooldowns = new CooldownTracker(new FixedOptionsMonitor<RateLimitOptions>(new RateLimitOptions()), TimeProvider.System, SystemRandomSource.Instance);
        return new AccountScheduler(new FixedOptionsMonitor<SchedulingOptions>(options), store, cooldowns, TimeProvider.System, []);
    }

    [Benchmark]
    public object Pick() => _scheduler.Pick(_accounts, _plain);

    [Benchmark]
    public object PickWithSession() => _scheduler.Pick(_accounts, _session);

    [Benchmark]
    public object PickAfterRateLimits() => _failing.Pick(_accounts, _retry);
}
