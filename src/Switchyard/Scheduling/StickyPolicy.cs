namespace Switchyard.Scheduling;

/// <summary>
/// Stays on the current account while it is usable; otherwise the next usable one after it in tie-break order.
/// A session with no current account starts at <see cref="PolicyContext.Offset"/> (the plugin's PID offset,
/// generalised to sessions), so parallel sessions start on different accounts.
/// </summary>
internal sealed class StickyPolicy : IAccountSelectionPolicy
{
    public string Name => SelectionPolicies.Sticky;

    public SchedulingCandidate? Pick(IReadOnlyList<SchedulingCandidate> available, PolicyContext context)
    {
        if (available.Count == 0)
        {
            return null;
        }

        if (context.Current is { } current)
        {
            var same = available.FirstOrDefault(c => c.AccountId == current);
            if (same is not null)
            {
                return same;
            }

            var ordered = context.Ordered;
            var index = IndexOf(ordered, current);
            if (index >= 0)
            {
                for (var step = 1; step <= ordered.Count; step++)
                {
                    var next = ordered[(index + step) % ordered.Count].AccountId;
                    var hit = available.FirstOrDefault(c => c.AccountId == next);
                    if (hit is not null)
                    {
                        return hit;
                    }
                }
            }
        }

        return available[PositiveModulo(context.Offset, available.Count)];
    }

    internal static int PositiveModulo(long value, int count) => (int)(((value % count) + count) % count);

    private static int IndexOf(IReadOnlyList<SchedulingCandidate> list, string accountId)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].AccountId == accountId)
            {
                return i;
            }
        }

        return -1;
    }
}
