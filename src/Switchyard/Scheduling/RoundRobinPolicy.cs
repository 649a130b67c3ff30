namespace Switchyard.Scheduling;

/// <summary>The next usable account on every request: one cursor per scope (model group and pool).</summary>
internal sealed class RoundRobinPolicy : IAccountSelectionPolicy
{
    public string Name => SelectionPolicies.RoundRobin;

    public SchedulingCandidate? Pick(IReadOnlyList<SchedulingCandidate> available, PolicyContext context) =>
        available.Count == 0
            ? null
            : available[StickyPolicy.PositiveModulo(context.Store.Increment("rr:" + context.Scope), available.Count)];
}
