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
internal sealed record SchedulingCandidate(
    string AccountId,
    string Email,
    AccountTier Tier = AccountTier.Unknown,
    bool Enabled = true,
    double? RemainingFraction = null,
    bool ProtectionReached = false,
    bool ServesModel = true,
    bool? GeminiCli = null,
    CreditUse Credits = CreditUse.None);

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
