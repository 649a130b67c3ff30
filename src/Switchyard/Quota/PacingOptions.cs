using System.ComponentModel.DataAnnotations;

namespace Switchyard.Quota;

/// <summary>
/// Weekly pacing per account and family (section <c>Quota:Pacing</c>), off by default. <c>even</c>: an account that has
/// spent more of a family's weekly window than <see cref="Budgets"/> × the elapsed part of its week, plus
/// <see cref="Slack"/>, is ahead of pace and used only when no account on pace is free. <c>reserve</c>: the last
/// <see cref="Reserve"/> of the weekly window is kept for interactive sessions (background requests do not use it).
/// </summary>
internal sealed class PacingOptions
{
    public const string Off = "off";
    public const string Even = "even";
    public const string ReserveMode = "reserve";

    public static IReadOnlyList<string> Modes { get; } = [Off, Even, ReserveMode];

    /// <summary><c>off</c>, <c>even</c> or <c>reserve</c>, for every account without its own entry in <see cref="Accounts"/>.</summary>
    public string Mode { get; set; } = Off;

    /// <summary>Per account (email or id): its own mode.</summary>
    public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per family (<c>gemini</c>, <c>3p</c>): the part of the weekly window to spend in a week (1: all of it).</summary>
    public Dictionary<string, double> Budgets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How far ahead of an even pace an account may run, as a fraction of its weekly window.</summary>
    [Range(0.0, 1.0)]
    public double Slack { get; set; } = 0.05;

    /// <summary>The part of the weekly window kept for interactive sessions in <c>reserve</c> mode.</summary>
    [Range(0.0, 1.0)]
    public double Reserve { get; set; } = 0.2;

    /// <summary>The mode for one account.</summary>
    public string ModeFor(string accountId, string email) =>
        Accounts.TryGetValue(email, out var byEmail) ? byEmail.ToLowerInvariant()
        : Accounts.TryGetValue(accountId, out var byId) ? byId.ToLowerInvariant()
        : Mode.ToLowerInvariant();

    public double BudgetFor(string family) => Budgets.TryGetValue(family, out var b) ? b : 1.0;
}

/// <summary>The forecast's window on recent use (section <c>Quota:Forecast</c>).</summary>
internal sealed class ForecastOptions
{
    /// <summary>The recent rate is the quota spent over this many minutes of readings.</summary>
    [Range(10, 10080)]
    public int LookbackMinutes { get; set; } = 180;
}
