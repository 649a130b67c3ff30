using Switchyard.Quota;

namespace Switchyard.FrontDoors;

/// <summary>
/// The pool's quota as an agent reads it (<c>GET /v1/quota</c>, the MCP <c>quota</c> tool, <c>switchyard statusline</c>).
/// Stable: fields are only ever added. Version 1.
/// </summary>
/// <param name="Version">The shape's version (1).</param>
internal sealed record QuotaReport(int Version, DateTimeOffset GeneratedAt, int Accounts, IReadOnlyList<FamilyQuota> Families);

/// <summary>One model family: <c>gemini</c> (Gemini text models) or <c>3p</c> (Claude and GPT-OSS), with its two windows.</summary>
/// <param name="Forecast">When the pool runs dry at the recent rate (<see cref="QuotaForecaster"/>).</param>
internal sealed record FamilyQuota(string Family, string Label, IReadOnlyList<WindowQuota> Windows, FamilyForecast Forecast);

/// <summary>The family's forecast across the pool.</summary>
/// <param name="RunsDryAt">When no account has quota left in both windows at the recent rate (resets counted); null when
/// the pool lasts a week at that rate or there is no recent use to go by.</param>
/// <param name="AccountsLeft">Enabled accounts with quota in both windows now.</param>
/// <param name="Summary">The same in words: <c>runs dry Thu 15:40; 2 accounts left</c> (UTC).</param>
internal sealed record FamilyForecast(DateTimeOffset? RunsDryAt, int AccountsLeft, string Summary);

/// <summary>
/// One window of a family across the enabled accounts.
/// </summary>
/// <param name="Window"><c>5h</c> or <c>weekly</c>.</param>
/// <param name="Remaining">The pool's remaining fraction: the mean over accounts with a reading (0–1), null with none.</param>
/// <param name="Best">The most any one account has left (what the next request can get), null with no reading.</param>
/// <param name="Reset">The soonest reset of an account whose window is not full, null when none is known.</param>
/// <param name="AccountsWithQuota">Accounts whose window has quota and is not held empty.</param>
/// <param name="Stale">A reading used is older than the last refresh tried (the upstream did not answer).</param>
/// <param name="RatePerHour">Account-windows spent per hour over the recent past (1 is one account's whole window); null
/// without two readings to go by.</param>
internal sealed record WindowQuota(
    string Window,
    double? Remaining,
    double? Best,
    DateTimeOffset? Reset,
    int AccountsWithQuota,
    bool Stale,
    double? RatePerHour);
