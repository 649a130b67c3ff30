namespace Switchyard.Scheduling;

/// <summary>
/// The plugin's hybrid strategy, style-aware (it only sees accounts usable for this group and pool):
/// <list type="number">
/// <item>Keep accounts with health ≥ <see cref="HybridOptions.MinUsableHealth"/> and at least
/// <see cref="HybridOptions.TokenCost"/> tokens; none → null (the scheduler falls back to sticky).</item>
/// <item>Base score = 2 × health + 5 × bucket% + 0.1 × min(idle seconds, 3600) (<see cref="AccountHealth.BaseScore"/>);
/// as <c>reset-aware</c>, plus <see cref="ResetAwareOptions.PressureWeight"/> × <see cref="ResetPressure"/>.</item>
/// <item>The current account keeps the pick unless the best base score beats it by more than
/// <see cref="HybridOptions.StickinessBonus"/> and by at least <see cref="HybridOptions.SwitchThreshold"/>
/// (the plugin states both; with its defaults the bonus, 150, is the margin that decides).</item>
/// <item>Equal scores go to the earlier account in tie-break order, rotated by the session offset when spreading
/// was asked for.</item>
/// </list>
/// </summary>
internal sealed class HybridPolicy(bool resetAware = false) : IAccountSelectionPolicy
{
    public string Name => resetAware ? SelectionPolicies.ResetAware : SelectionPolicies.Hybrid;

    public SchedulingCandidate? Pick(IReadOnlyList<SchedulingCandidate> available, PolicyContext context)
    {
        var o = context.Hybrid;
        var r = context.ResetAware ?? new ResetAwareOptions();
        var now = context.Time.GetTimestamp();
        var utcNow = context.Time.GetUtcNow();
        SchedulingCandidate? best = null, current = null;
        double bestScore = double.MinValue, currentScore = 0;
        var n = available.Count;
        for (var i = 0; i < n; i++)
        {
            var candidate = available[StickyPolicy.PositiveModulo((long)context.Offset + i, n)];
            var usage = context.Store.GetUsage(candidate.AccountId);
            var health = AccountHealth.Health(usage, now, context.Time, o);
            var tokens = AccountHealth.Tokens(usage, now, context.Time, o);
            var pressure = resetAware ? ResetPressure.Of(candidate.Windows, utcNow, r.MinHoursToReset) ?? 0 : 0;
            var parts = new ScoreTrace(0, o.HealthWeight * health, o.TokenWeight * 100 * tokens / o.MaxTokens,
                o.FreshnessWeight * AccountHealth.IdleSeconds(usage, now, context.Time, o), pressure, r.PressureWeight * pressure,
                candidate.AccountId == context.Current);
            var score = parts.Health + parts.Tokens + parts.Freshness + (resetAware ? parts.PressurePoints : 0);
            context.Scores?.TryAdd(candidate.AccountId, parts with { Total = score });
            if (health < o.MinUsableHealth || tokens < o.TokenCost)
            {
                continue;
            }

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
