using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Admin;

namespace Switchyard.Tests.Admin;

public sealed class AdminThrottleTests
{
    private static AdminThrottle Create(FakeTimeProvider time) =>
        new(new StaticMonitor(new AdminOptions { FailureDelayMilliseconds = 1000, MaxFailureDelaySeconds = 5 }), time);

    [Fact]
    public async Task FailAsync_WaitsItsDelayOnTheClock()
    {
        var time = new FakeTimeProvider();
        var throttle = Create(time);

        var wait = throttle.FailAsync("10.0.0.1", TestContext.Current.CancellationToken);
        var doneEarly = wait.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(999));
        var doneBeforeTheSecond = wait.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait;

        Assert.False(doneEarly);
        Assert.False(doneBeforeTheSecond);
    }

    [Fact]
    public async Task NextDelay_DoublesPerFailureUpToTheCap_AndSuccessResets()
    {
        var time = new FakeTimeProvider();
        var throttle = Create(time);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            delays.Add(throttle.NextDelay("10.0.0.1"));
            var wait = throttle.FailAsync("10.0.0.1", TestContext.Current.CancellationToken);
            time.Advance(delays[^1]);
            await wait;
        }

        var otherClient = throttle.NextDelay("10.0.0.2");
        throttle.Succeed("10.0.0.1");

        Assert.Equal([1, 2, 4, 5, 5], delays.Select(d => d.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(1), otherClient);
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.NextDelay("10.0.0.1"));
    }

    private sealed class StaticMonitor(AdminOptions value) : IOptionsMonitor<AdminOptions>
    {
        public AdminOptions CurrentValue => value;

        public AdminOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AdminOptions, string?> listener) => null;
    }
}
