using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

public sealed class SchedulingModesTests
{
    [Theory]
    [InlineData("CacheFirst", SelectionPolicies.Sticky, true, true)]
    [InlineData("cache_first", SelectionPolicies.Sticky, true, true)]
    [InlineData("Balance", SelectionPolicies.Hybrid, true, false)]
    [InlineData("PerformanceFirst", SelectionPolicies.RoundRobin, false, false)]
    [InlineData("performance-first", SelectionPolicies.RoundRobin, false, false)]
    public void Resolve_Mode_MappedStrategyAndBinding(string mode, string strategy, bool bind, bool wait)
    {
        var effective = SchedulingModes.Resolve(new SchedulingOptions { Mode = mode });

        Assert.Equal(strategy, effective.Strategy);
        Assert.Equal(bind, effective.BindSessions);
        Assert.Equal(wait, effective.WaitOnBoundAccount);
    }

    [Theory]
    [InlineData(null, SelectionPolicies.Hybrid, true)]
    [InlineData("sticky", SelectionPolicies.Sticky, true)]
    [InlineData("Round_Robin", SelectionPolicies.RoundRobin, false)]
    [InlineData("HYBRID", SelectionPolicies.Hybrid, true)]
    public void Resolve_Strategy_BindsUnlessRoundRobin(string? strategy, string expected, bool bind)
    {
        var effective = SchedulingModes.Resolve(new SchedulingOptions { Strategy = strategy });

        Assert.Equal(expected, effective.Strategy);
        Assert.Equal(bind, effective.BindSessions);
        Assert.False(effective.WaitOnBoundAccount);
    }
}
