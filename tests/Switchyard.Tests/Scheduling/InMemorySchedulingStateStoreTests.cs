using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

public sealed class InMemorySchedulingStateStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero));

    private InMemorySchedulingStateStore CreateSut(int ttlSeconds = 3600, int maxBindings = 100) =>
        new(_time, Options.Create(new SchedulingOptions { BindingTtlSeconds = ttlSeconds, MaxBindings = maxBindings }));

    [Fact]
    public void GetBinding_UnusedPastTtl_Expires()
    {
        var sut = CreateSut(ttlSeconds: 60);
        sut.SetBinding("s", "claude", "a1");

        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Null(sut.GetBinding("s", "claude"));
        Assert.Equal(0, sut.BindingCount);
    }

    [Fact]
    public void GetBinding_UsedWithinTtl_ExtendsIt()
    {
        var sut = CreateSut(ttlSeconds: 60);
        sut.SetBinding("s", "claude", "a1");

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(50));
            Assert.Equal("a1", sut.GetBinding("s", "claude"));
        }
    }

    [Fact]
    public void SetBinding_PastCapacity_EvictsLeastRecentlyUsed()
    {
        var sut = CreateSut(maxBindings: 2);
        sut.SetBinding("s1", "claude", "a1");
        sut.SetBinding("s2", "claude", "a2");
        Assert.Equal("a1", sut.GetBinding("s1", "claude")); // s1 is now the most recent

        sut.SetBinding("s3", "claude", "a3");

        Assert.Equal(2, sut.BindingCount);
        Assert.Null(sut.GetBinding("s2", "claude"));
        Assert.Equal("a1", sut.GetBinding("s1", "claude"));
        Assert.Equal("a3", sut.GetBinding("s3", "claude"));
    }

    [Fact]
    public void Bindings_PerGroup_Independent()
    {
        var sut = CreateSut();
        sut.SetBinding("s", "claude", "a1");
        sut.SetBinding("s", "gemini-pro", "a2");

        sut.RemoveBinding("s", "claude");

        Assert.Null(sut.GetBinding("s", "claude"));
        Assert.Equal("a2", sut.GetBinding("s", "gemini-pro"));
    }

    [Fact]
    public void Increment_ReturnsPreviousValuePerCounter()
    {
        var sut = CreateSut();

        Assert.Equal(0, sut.Increment("x"));
        Assert.Equal(1, sut.Increment("x"));
        Assert.Equal(0, sut.Increment("y"));
    }
}
