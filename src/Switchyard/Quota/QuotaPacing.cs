using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Upstream;

namespace Switchyard.Quota;

/// <summary>Where an account stands against its weekly budget for a family.</summary>
internal enum PaceStanding
{
    /// <summary>Within its budget, or no pacing.</summary>
    OnPace,

    /// <summary>Spent more of the week than its even pace allows by now.</summary>
    Ahead,

    /// <summary>Down to the reserve kept for interactive sessions.</summary>
    Reserve,
}

/// <summary>
/// Weekly pacing (<see cref="PacingOptions"/>), read from each account's last reading of the family's weekly window.
/// An unknown or unstarted weekly window is on pace. Thread-safe (reads only).
/// </summary>
internal sealed class QuotaPacing(QuotaService quota, IOptionsMonitor<QuotaOptions> options, TimeProvider time)
{
    public PaceStanding Standing(string accountId, string email, string family)
    {
        var o = options.CurrentValue.Pacing;
        var weekly = quota.Entry(accountId, QuotaWindowNames.BucketId(family, QuotaWindowNames.Weekly));
        return Evaluate(weekly, time.GetUtcNow(), o.ModeFor(accountId, email), o.BudgetFor(family), o.Slack, o.Reserve);
    }

    /// <summary>
    /// <c>even</c>: ahead when spent (1 − remaining) &gt; budget × elapsed part of the week + slack, the week being the 7 days
    /// before the window's reset. <c>reserve</c>: reserve when remaining ≤ reserve. Disabled, stale-free or unknown: on pace.
    /// </summary>
    public static PaceStanding Evaluate(QuotaEntry? weekly, DateTimeOffset now, string mode, double budget, double slack, double reserve)
    {
        if (weekly is not { Disabled: false } w || mode == PacingOptions.Off)
        {
            return PaceStanding.OnPace;
        }

        if (mode == PacingOptions.ReserveMode)
        {
            return w.RemainingFraction <= reserve && (w.ResetTime is null || w.ResetTime > now) ? PaceStanding.Reserve : PaceStanding.OnPace;
        }

        if (w.ResetTime is not { } reset || reset <= now)
        {
            return PaceStanding.OnPace;
        }

        var elapsed = Math.Clamp(1 - ((reset - now) / TimeSpan.FromDays(7)), 0, 1);
        var spent = 1 - Math.Clamp(w.RemainingFraction, 0, 1);
        return spent > (budget * elapsed) + slack ? PaceStanding.Ahead : PaceStanding.OnPace;
    }
}
