using Switchyard.Accounts;
using Switchyard.Quota;
using Switchyard.RateLimits;
using Switchyard.Upstream;

namespace Switchyard.FrontDoors;

/// <summary>Builds <see cref="QuotaReport"/> from the last readings and the windows held empty.</summary>
internal sealed class QuotaReporter(AccountRegistry registry, QuotaService quota, CooldownTracker cooldowns, QuotaForecaster forecaster, TimeProvider time)
{
    public const int Version = 1;

    public QuotaReport Build(string? onlyFamily = null)
    {
        var accounts = registry.Current.Enabled.ToList();
        var families = new List<FamilyQuota>();
        foreach (var family in QuotaWindowNames.Families)
        {
            if (onlyFamily is not null && !string.Equals(onlyFamily, family, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var forecast = forecaster.Forecast(family);
            var windows = new List<WindowQuota>();
            foreach (var window in QuotaWindowNames.Windows)
            {
                var key = QuotaWindowNames.BucketId(family, window);
                var fractions = new List<double>();
                DateTimeOffset? reset = null;
                var withQuota = 0;
                var stale = false;
                foreach (var account in accounts)
                {
                    if (quota.Entry(account.Id, key) is not { } entry)
                    {
                        continue;
                    }

                    var held = cooldowns.IsCooling(new RateLimitKey(account.Id, key, QuotaPools.Antigravity));
                    var fraction = held ? 0 : Math.Clamp(entry.RemainingFraction, 0, 1);
                    fractions.Add(fraction);
                    stale |= entry.Stale;
                    withQuota += fraction > 0 ? 1 : 0;
                    if (fraction < 1 && entry.ResetTime is { } r && (reset is null || r < reset))
                    {
                        reset = r;
                    }
                }

                windows.Add(new WindowQuota(window,
                    fractions.Count == 0 ? null : Math.Round(fractions.Average(), 4),
                    fractions.Count == 0 ? null : Math.Round(fractions.Max(), 4),
                    reset, withQuota, stale, forecast.Windows.FirstOrDefault(w => w.Window == window)?.RatePerHour));
            }

            families.Add(new FamilyQuota(family, family == QuotaWindowNames.Gemini ? "Gemini" : "Claude and GPT-OSS", windows,
                new FamilyForecast(forecast.RunsDryAt, forecast.AccountsLeft, QuotaForecastText.Describe(forecast, TimeZoneInfo.Utc))));
        }

        return new QuotaReport(Version, time.GetUtcNow(), accounts.Count, families);
    }
}
