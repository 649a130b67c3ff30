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
internal sealed record SchedulingCandidate(
    string AccountId,
    string Email,
    AccountTier Tier = AccountTier.Unknown,
    bool Enabled = true,
    double? RemainingFraction = null,
    bool ProtectionReached = false);
