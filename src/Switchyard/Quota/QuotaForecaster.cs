using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Upstream;

namespace Switchyard.Quota;

/// <summary>
/// When each family's quota runs dry across the pool at the recent rate: the service behind <c>switchyard quota</c>,
/// <c>GET /admin/api/quotas/forecast</c> and, for other surfaces, <see cref="Forecast"/>. The rate is what the live
/// readings of the last <see cref="ForecastOptions.LookbackMinutes"/> show spent (<see cref="QuotaHistory"/>); the
/// projection drains the pool at that rate in 10-minute steps for up to a week, spending first the accounts whose weekly
/// window resets soonest, refilling a window at its reset, and stops at the first step whose demand no account can meet.
/// Thread-safe (reads only).
/// </summary>
internal sealed class QuotaForecaster(QuotaService quota, AccountRegistry registry, QuotaHistory history, IOptionsMonitor<QuotaOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(7);

    /// <summary>Both families, Gemini first.</summary>
    public IReadOnlyList<QuotaForecast> ForecastAll() => [.. QuotaWindowNames.Families.Select(Forecast)];

    /// <summary>One family (<c>gemini</c> or <c>3p</c>) across the enabled accounts.</summary>
    public QuotaForecast Forecast(string family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var now = time.GetUtcNow();
        var since = now - TimeSpan.FromMinutes(options.CurrentValue.Forecast.LookbackMinutes);
        var keys = QuotaKeys.WindowsOf(family);
        var accounts = registry.Current.Enabled.ToList();
        var states = new List<ProjectedAccount>();
        var windows = new List<WindowForecast>();
        var rates = new double?[keys.Count];
        for (var k = 0; k < keys.Count; k++)
        {
            double remaining = 0, rate = 0;
            var left = 0;
            var measured = false;
            DateTimeOffset? nextReset = null;
            foreach (var a in accounts)
            {
                var (fraction, reset) = Current(quota.Entry(a.Id, keys[k]), now);
                remaining += fraction;
                left += fraction > 0 ? 1 : 0;
                nextReset = reset is { } r && (nextReset is null || r < nextReset) ? r : nextReset;
                if (history.Spend(a.Id, keys[k], since) is { Covered.TotalHours: > 0 } spend)
                {
                    (rate, measured) = (rate + (spend.Spent / spend.Covered.TotalHours), true);
                }
            }

            rates[k] = measured ? rate : null;
            windows.Add(new WindowForecast(QuotaKeys.WindowOf(keys[k]), keys[k], remaining, nextReset, rates[k], left));
        }

        foreach (var a in accounts)
        {
            var (f5, r5) = Current(quota.Entry(a.Id, keys[0]), now);
            var (fw, rw) = Current(quota.Entry(a.Id, keys[1]), now);
            states.Add(new ProjectedAccount { FiveHour = f5, FiveHourReset = r5, Weekly = fw, WeeklyReset = rw });
        }

        var accountsLeft = states.Count(s => s.FiveHour > 0 && s.Weekly > 0);
        return new QuotaForecast(family, now, windows, Project(states, rates[0], rates[1], now), accountsLeft, accounts.Count);
    }

    /// <summary>
    /// The first time the pool cannot meet the demand of <paramref name="fiveHourRate"/> and <paramref name="weeklyRate"/>
    /// (account-windows per hour); null when it can for a week, or there is no rate to go by.
    /// </summary>
    internal static DateTimeOffset? Project(List<ProjectedAccount> accounts, double? fiveHourRate, double? weeklyRate, DateTimeOffset now)
    {
        var r5 = fiveHourRate ?? 0;
        var rw = weeklyRate ?? 0;
        if (accounts.Count == 0 || (r5 <= 0 && rw <= 0))
        {
            return null;
        }

        var hours = Step.TotalHours;
        for (var t = now; t - now <= Horizon; t += Step)
        {
            foreach (var a in accounts)
            {
                a.Refill(t);
            }

            // Demand in units of the window that sets the pace: 5 h when it is spent, else weekly alone.
            var need = (r5 > 0 ? r5 : rw) * hours;
            var weeklyPerUnit = r5 > 0 ? rw / r5 : 1;
            foreach (var a in accounts.OrderBy(a => a.WeeklyReset ?? DateTimeOffset.MaxValue))
            {
                if (need <= 1e-9)
                {
                    break;
                }

                var can = r5 > 0 ? a.FiveHour : double.MaxValue;
                can = Math.Min(can, weeklyPerUnit > 0 ? a.Weekly / weeklyPerUnit : double.MaxValue);
                var take = Math.Min(need, Math.Max(0, can));
                if (take <= 0)
                {
                    continue;
                }

                a.Spend(t, r5 > 0 ? take : 0, take * weeklyPerUnit);
                need -= take;
            }

            if (need > 1e-9)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>A reading as it stands now: a reset passed means refilled; unknown counts as full and unstarted.</summary>
    private static (double Fraction, DateTimeOffset? Reset) Current(QuotaEntry? entry, DateTimeOffset now) =>
        entry is not { Disabled: false } e ? (1, null)
        : e.ResetTime is { } reset && reset <= now ? (1, null)
        : (Math.Clamp(e.RemainingFraction, 0, 1), e.ResetTime);

    /// <summary>One account's two windows during a projection.</summary>
    internal sealed class ProjectedAccount
    {
        public double FiveHour { get; set; } = 1;

        public DateTimeOffset? FiveHourReset { get; set; }

        public double Weekly { get; set; } = 1;

        public DateTimeOffset? WeeklyReset { get; set; }

        public void Refill(DateTimeOffset t)
        {
            if (FiveHourReset is { } r5 && r5 <= t)
            {
                (FiveHour, FiveHourReset) = (1, null);
            }

            if (WeeklyReset is { } rw && rw <= t)
            {
                (Weekly, WeeklyReset) = (1, null);
            }
        }

        public void Spend(DateTimeOffset t, double fiveHour, double weekly)
        {
            FiveHour -= fiveHour;
            Weekly -= weekly;
            FiveHourReset ??= fiveHour > 0 ? t + TimeSpan.FromHours(5) : null;
            WeeklyReset ??= weekly > 0 ? t + TimeSpan.FromDays(7) : null;
        }
    }
}
