using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Tests.Admin;

public sealed class AdminStateClearTests
{
    [Fact]
    public void ClearAll_CountsOnlyCooldownsStillInForce_AndForgetsEveryKey()
    {
        var time = new FakeTimeProvider();
        var tracker = new CooldownTracker(new Switchyard.Tests.Models.FakeOptionsMonitor<RateLimitOptions>(new RateLimitOptions()), time, new SystemRandomSource());
        tracker.Record(new RateLimitKey("a", "claude", "antigravity"), new UpstreamFailure(UpstreamFailureKind.RateLimited, 429, TimeSpan.FromSeconds(30)));
        tracker.Record(new RateLimitKey("b", "claude", "antigravity"), new UpstreamFailure(UpstreamFailureKind.RateLimited, 429, TimeSpan.FromMinutes(10)));
        time.Advance(TimeSpan.FromMinutes(1));

        var cleared = tracker.ClearAll();

        Assert.Equal(1, cleared);
        Assert.False(tracker.IsCooling(new RateLimitKey("b", "claude", "antigravity")));
        Assert.Empty(tracker.Snapshot());
    }

    [Fact]
    public void ClearBindings_ReturnsLiveCountAndForgetsThem()
    {
        var store = new InMemorySchedulingStateStore(new FakeTimeProvider(), Options.Create(new SchedulingOptions()));
        store.SetBinding("s1", "claude", "a");
        store.SetBinding("s2", "gemini-pro", "b");

        var cleared = store.ClearBindings();

        Assert.Equal(2, cleared);
        Assert.Equal(0, store.BindingCount);
        Assert.Null(store.GetBinding("s1", "claude"));
    }
}
