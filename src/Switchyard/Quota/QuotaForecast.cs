namespace Switchyard.Quota;

/// <summary>
/// When a family's quota runs dry across the pool at the recent rate (<see cref="QuotaForecaster.Forecast"/>).
/// </summary>
/// <param name="Family"><c>gemini</c> or <c>3p</c>.</param>
/// <param name="At">When the forecast was made.</param>
/// <param name="Windows">The 5 h and weekly windows across the pool.</param>
/// <param name="RunsDryAt">When no account has quota left in both windows at the recent rate (resets counted); null when the
/// pool does not run dry within a week at that rate, or there is no recent use to go by.</param>
/// <param name="AccountsLeft">Enabled accounts with quota in both windows now.</param>
/// <param name="Accounts">Enabled accounts.</param>
internal sealed record QuotaForecast(
    string Family,
    DateTimeOffset At,
    IReadOnlyList<WindowForecast> Windows,
    DateTimeOffset? RunsDryAt,
    int AccountsLeft,
    int Accounts);

/// <summary>One window of a family across the pool.</summary>
/// <param name="Window"><c>5h</c> or <c>weekly</c>.</param>
/// <param name="Key">The window key (<c>gemini-5h</c>…).</param>
/// <param name="Remaining">The sum over enabled accounts of the fraction left (an account's full window is 1).</param>
/// <param name="NextReset">The soonest reset among accounts that have used the window.</param>
/// <param name="RatePerHour">Account-windows spent per hour over the lookback; null without two readings to go by.</param>
/// <param name="AccountsLeft">Enabled accounts with some of this window left.</param>
internal sealed record WindowForecast(
    string Window,
    string Key,
    double Remaining,
    DateTimeOffset? NextReset,
    double? RatePerHour,
    int AccountsLeft);
