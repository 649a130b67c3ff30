using System.Globalization;

namespace Switchyard.Quota;

/// <summary>The forecast in one line.</summary>
internal static class QuotaForecastText
{
    /// <summary><c>runs dry Thu 15:40; 2 accounts left</c> (times in <paramref name="zone"/>).</summary>
    public static string Describe(QuotaForecast forecast, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(zone);
        var left = forecast.AccountsLeft == 1 ? "1 account left" : $"{forecast.AccountsLeft.ToString(CultureInfo.InvariantCulture)} accounts left";
        if (forecast.RunsDryAt is { } dry)
        {
            return $"runs dry {TimeZoneInfo.ConvertTime(dry, zone).ToString("ddd HH:mm", CultureInfo.InvariantCulture)}; {left}";
        }

        return forecast.Windows.Any(w => w.RatePerHour is not null)
            ? $"lasts the week at the recent rate; {left}"
            : $"no recent use to forecast from; {left}";
    }
}
