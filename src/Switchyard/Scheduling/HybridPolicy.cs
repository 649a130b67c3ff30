namespace Switchyard.Scheduling;

/// <summary>
/// The plugin's hybrid strategy, style-aware (it only sees accounts usable for this group and pool):
/// <list type="number">
/// <item>Keep accounts with health ≥ <see cref="HybridOptions.MinUsableHealth"/> and at least
/// <see cref="HybridOptions.TokenCost"/> tokens; none → null (the scheduler falls back to sticky).</item>
/// <item>Base score = 2 × health + 5 × bucket% + 0.1 × min(idle seconds, 3600) (<see cref="AccountHealth.BaseScore"/>).</item>
/// <item>The current account keeps the pick unless the best base score beats it by more than
/// <see cref="HybridOptions.StickinessBonus"/> and by at least <see cref="HybridOptions.SwitchThreshold"/>
/// (the plugin states both; with its defaults the bonus, 150, is the margin that decides).</item>
/// <item>Equal scores go to the earlier account in tie-break order, rotated by the session offset so that
/// parallel new sessions do not all land on the same account.</item>
/// </list>
/// </summary>
internal sealed class HybridPolicy : IAccountSelectionPolicy
{
    public string Name => SelectionPolicies.Hybrid;

    public SchedulingCandidate? Pick(IReadOnlyList<SchedulingCandidate> available, PolicyContext context)
    {
        var o = context.Hybrid;
        var now = context.Time.GetTimestamp();
        SchedulingCandidate? best = null, current = null;
        double bestScore = double.MinValue, currentScore = 0;
        var n = available.Count;
        for (var i = 0; i < n; i++)
        {
            var candidate = available[StickyPolicy.PositiveModulo((long)context.Offset + i, n)];
            var usage = context.Store.GetUsage(candidate.AccountId);
            if (AccountHealth.Health(usage, now, context.Time, o) < o.MinUsableHealth
                || AccountHealth.Tokens(usage, now, context.Time, o) < o.TokenCost)
            {
                continue;
            }

            var score = AccountHealth.BaseScore(usage, now, context.Time, o);
            if (score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }

            if (candidate.AccountId == context.Current)
            {
                (current, currentScore) = (candidate, score);
            }
        }

        if (current is null || best is null || best == current)
        {
            return best;
        }

        var lead = bestScore - currentScore;
        return lead > o.StickinessBonus && lead >= o.SwitchThreshold ? best : current;
    }
}
