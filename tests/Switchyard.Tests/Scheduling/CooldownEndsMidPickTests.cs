using Switchyard.RateLimits;
using Switchyard.Scheduling;
using Switchyard.Tests.RateLimits;

namespace Switchyard.Tests.Scheduling;

/// <summary>
/// A cooldown that ends while one pick is under way (other requests move the clock, or a success clears it): the
/// account left out at the start of the pick is usable by its end, so the pick must not end in "unavailable".
/// </summary>
public sealed class CooldownEndsMidPickTests
{
    [Fact]
    public void Pick_OnlyUntriedAccountStopsCoolingDuringThePick_PicksAgainInsteadOfGivingUp()
    {
        var time = new SteppingTime(TimeSpan.FromMilliseconds(800));
        var options = new TestOptionsMonitor<SchedulingOptions>(new SchedulingOptions { MaxWaitSeconds = 60 });
        var store = new InMemorySchedulingStateStore(time, Microsoft.Extensions.Options.Options.Create(options.CurrentValue));
        var cooldowns = new CooldownTracker(new Switchyard.Tests.Models.FakeOptionsMonitor<RateLimitOptions>(new RateLimitOptions()), time, new ScriptedRandom(0.5));
        var scheduler = new AccountScheduler(options, store, cooldowns, time, []);
        var accounts = SchedulerFixture.Accounts(2);
        cooldowns.Record(new RateLimitKey("a2", SchedulerFixture.Group, SchedulerFixture.Pool), new UpstreamFailure(UpstreamFailureKind.RateLimited, 429, TimeSpan.FromSeconds(1)));
        time.Stepping = true;

        var decision = scheduler.Pick(accounts, new SchedulingRequest(null, SchedulerFixture.Group, SchedulerFixture.Pool, new HashSet<string> { "a1" }, false, null, default, null));

        Assert.Contains("skip a2: cooling", decision.TraceHeader, StringComparison.Ordinal);
        Assert.Equal(SchedulingOutcome.Wait, decision.Outcome);
        Assert.Equal("a2", decision.Account?.AccountId);
        Assert.Equal(TimeSpan.Zero, decision.Delay);
    }

    /// <summary>A clock that moves on by <c>step</c> every time it is read, once <see cref="Stepping"/> is on.</summary>
    private sealed class SteppingTime(TimeSpan step) : TimeProvider
    {
        private long _ticks = DateTimeOffset.Parse("2026-07-01T10:00:00Z", global::System.Globalization.CultureInfo.InvariantCulture).UtcTicks;

        public bool Stepping { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Read();

        public override DateTimeOffset GetUtcNow() => new(Read(), TimeSpan.Zero);

        private long Read() => Stepping ? _ticks += step.Ticks : _ticks;
    }
}
