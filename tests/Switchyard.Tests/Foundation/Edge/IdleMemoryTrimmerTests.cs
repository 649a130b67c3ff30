using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Foundation.Edge;

namespace Switchyard.Tests.Foundation.Edge;

public sealed class IdleMemoryTrimmerTests
{
    private const long Mb = 1024 * 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new();
    private readonly EdgeTraffic _traffic = new();
    private long _resident = 80 * Mb;
    private long _allocated;
    private int _collections;

    private IdleMemoryTrimmer Create() => new(_traffic, _time, Interval, () => _resident, () => _allocated, () =>
    {
        _collections++;
        _resident = 90 * Mb;
    }, NullLogger<IdleMemoryTrimmer>.Instance);

    [Fact]
    public async Task Timer_AfterABurstThenQuiet_TrimsOnceOnTheClock()
    {
        var trimmer = Create();
        await trimmer.StartAsync(TestContext.Current.CancellationToken);

        // The burst: memory and allocations grow during the first interval.
        _resident = 1800 * Mb;
        _allocated += 600 * Mb;
        _time.Advance(Interval);
        var afterBusyTick = _collections;
        _time.Advance(Interval);
        var afterQuietTick = _collections;
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Equal(0, afterBusyTick);
        Assert.Equal(1, afterQuietTick);
        Assert.Equal(1, _collections);
        await trimmer.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Check_RequestInFlight_DoesNotTrim()
    {
        var trimmer = Create();
        _resident = 1800 * Mb;
        _traffic.Begin();

        Assert.False(trimmer.Check());
        Assert.False(trimmer.Check());
        Assert.Equal(0, _collections);
    }

    [Fact]
    public void Check_IdleButGrownLessThanTheThreshold_DoesNotTrim()
    {
        var trimmer = Create();
        _resident += IdleMemoryTrimmer.GrowthBytes - 1;

        Assert.False(trimmer.Check());
    }

    [Fact]
    public void Check_SmallTrafficLikeAHealthProbe_StillCountsAsIdle()
    {
        var trimmer = Create();
        _resident = 500 * Mb;
        _traffic.Begin();
        _traffic.End();
        _allocated += 64 * 1024;

        Assert.True(trimmer.Check());
        Assert.Equal(1, trimmer.Trims);
    }
}
