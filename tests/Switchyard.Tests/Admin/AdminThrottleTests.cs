using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Admin;

namespace Switchyard.Tests.Admin;

public sealed class AdminThrottleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AdminThrottle Create(FakeTimeProvider time) =>
        new(new StaticMonitor(new AdminOptions { FailureDelayMilliseconds = 1000, MaxFailureDelaySeconds = 5 }), time);

    [Fact]
    public async Task CheckAsync_NoFailuresYet_RunsAtOnce()
    {
        using var throttle = Create(new FakeTimeProvider());

        var outcome = await throttle.CheckAsync(() => true, Ct);

        Assert.Equal(AdminCheck.Passed, outcome);
    }

    [Fact]
    public async Task CheckAsync_AfterAFailure_WaitsItsDelayBeforeRunningTheCheck()
    {
        var time = new FakeTimeProvider();
        using var throttle = Create(time);
        await throttle.CheckAsync(() => false, Ct);
        var ran = false;

        var pending = throttle.CheckAsync(() => { ran = true; return false; }, Ct);
        time.Advance(TimeSpan.FromMilliseconds(999));
        var ranBeforeTheDelay = ran;
        time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await pending;

        Assert.False(ranBeforeTheDelay);
        Assert.True(ran);
        Assert.Equal(AdminCheck.Failed, outcome);
    }

    [Fact]
    public async Task NextDelay_DoublesPerFailureFromAnyClientUpToTheCap_AndSuccessResets()
    {
        var time = new FakeTimeProvider();
        using var throttle = Create(time);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var pending = throttle.CheckAsync(() => false, Ct);
            time.Advance(throttle.NextDelay);
            await pending;
            delays.Add(throttle.NextDelay);
        }

        var right = throttle.CheckAsync(() => true, Ct);
        time.Advance(throttle.NextDelay);
        await right;

        Assert.Equal([1, 2, 4, 5, 5], delays.Select(d => d.TotalSeconds));
        Assert.Equal(TimeSpan.Zero, throttle.NextDelay);
        Assert.Equal(0, throttle.Failures);
    }

    [Fact]
    public async Task CheckAsync_ManyAtOnce_RunOneAtATime()
    {
        using var throttle = Create(new FakeTimeProvider());
        var running = 0;
        var most = 0;
        bool Check()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.SpinWait(200_000); // a hash's worth of work: without the turn, checks on two cores would overlap
            Interlocked.Decrement(ref running);
            return true;
        }

        var checks = Enumerable.Range(0, 8).Select(_ => Task.Run(() => throttle.CheckAsync(Check, Ct), Ct)).ToList();
        var outcomes = await Task.WhenAll(checks);

        Assert.Equal(1, most);
        Assert.All(outcomes, o => Assert.Equal(AdminCheck.Passed, o));
    }

    [Fact]
    public async Task CheckAsync_BeyondMaxWaiting_IsBusyWithoutRunning()
    {
        using var throttle = Create(new FakeTimeProvider());
        using var release = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(() => throttle.CheckAsync(() => { entered.TrySetResult(); release.Wait(Ct); return true; }, Ct), Ct);
        await entered.Task.WaitAsync(Ct);
        var queued = Enumerable.Range(1, AdminThrottle.MaxWaiting - 1).Select(_ => throttle.CheckAsync(() => true, Ct)).ToList();
        var ran = false;

        var extra = await throttle.CheckAsync(() => { ran = true; return true; }, Ct);
        release.Set();
        await first;
        var outcomes = await Task.WhenAll(queued);

        Assert.Equal(AdminCheck.Busy, extra);
        Assert.False(ran);
        Assert.All(outcomes, o => Assert.Equal(AdminCheck.Passed, o));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    [Fact]
    public async Task Failures_QuietForLong_AreForgotten()
    {
        var time = new FakeTimeProvider();
        using var throttle = Create(time);
        await throttle.CheckAsync(() => false, Ct);
        var before = throttle.Failures;

        time.Advance(AdminThrottle.QuietReset);

        Assert.Equal(1, before);
        Assert.Equal(0, throttle.Failures);
        Assert.Equal(TimeSpan.Zero, throttle.NextDelay);
    }

    private sealed class StaticMonitor(AdminOptions value) : IOptionsMonitor<AdminOptions>
    {
        public AdminOptions CurrentValue => value;

        public AdminOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AdminOptions, string?> listener) => null;
    }
}
