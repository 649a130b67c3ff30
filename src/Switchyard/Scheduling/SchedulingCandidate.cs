namespace Switchyard.Scheduling;

/// <summary>
/// An account as the scheduler sees it; the integrator maps the account store onto it for each request.
/// </summary>
/// <param name="AccountId">Stable id (the key of every scheduling and rate-limit state).</param>
/// <param name="Email">For the decision trace and <c>X-Account-Email</c>.</param>
/// <param name="Tier">Tie-break: ULTRA before PRO before FREE.</param>
/// <param name="Enabled">False: never picked.</param>
/// <param name="RemainingFraction">Remaining quota (0–1) for the request's model group; null when unknown. Tie-break, higher first.</param>
/// <param name="ProtectionReached">The account is below its quota-protection threshold for this group: never picked.</param>
/// <param name="ServesModel">The account's live catalogue serves the request's model (true while unknown): never picked otherwise.</param>
/// <param name="GeminiCli">The account keeps the gemini-cli pool; false: never picked in that pool (null: unknown, allowed).</param>
/// <param name="Credits">Whether the account may spend Google One AI credits past an empty quota window.</param>
/// <param name="Windows">The request's family windows as last read (fraction and reset), for the reset-aware score; null when unknown.</param>
/// <param name="Pace">Where the account stands against its weekly budget (<c>Quota:Pacing</c>); on pace when no budget is set.</param>
internal sealed record SchedulingCandidate(
    string AccountId,
    string Email,
    AccountTier Tier = AccountTier.Unknown,
    bool Enabled = true,
    double? RemainingFraction = null,
    bool ProtectionReached = false,
    bool ServesModel = true,
    bool? GeminiCli = null,
    CreditUse Credits = CreditUse.None,
    IReadOnlyList<CandidateWindow>? Windows = null,
    PaceState Pace = PaceState.OnPace);

/// <summary>One quota window of the request's family on an account: <c>gemini-5h</c> at 0.4, resetting at 15:40.</summary>
/// <param name="Key">The window key (<c>gemini-5h</c>, <c>3p-weekly</c>…).</param>
/// <param name="RemainingFraction">0–1 as last read.</param>
/// <param name="ResetAt">When the window refills; null when the upstream gave none (a full window that has not started).</param>
internal sealed record CandidateWindow(string Key, double RemainingFraction, DateTimeOffset? ResetAt);

/// <summary>An account against its weekly budget (see <c>Quota:Pacing</c>).</summary>
internal enum PaceState
{
    /// <summary>Within its budget, or no budget set.</summary>
    OnPace,

    /// <summary>Spent more of the week than its budget allows by now: used only when no account on pace is free.</summary>
    Ahead,

    /// <summary>Down to the reserve kept for interactive sessions: background requests do not use it.</summary>
    Reserve,
}

/// <summary>When an account may serve on Google One AI credits (upstream-2026 §3), from <c>Credits:Mode</c> and its balance.</summary>
internal enum CreditUse
{
    /// <summary>Never: an empty quota window keeps the account out.</summary>
    None,

    /// <summary>Only when no account has free quota left for the request.</summary>
    LastResort,

    /// <summary>Always opted in: an empty window does not keep the account out.</summary>
    Always,
}
