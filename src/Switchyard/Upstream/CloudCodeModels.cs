namespace Switchyard.Upstream;

/// <summary>What loadCodeAssist says about an account (spec §3.3; upstream-2026 §3.3, §5, §7.2).</summary>
/// <param name="IneligibleTiers">The tiers the account cannot use and why (UNSUPPORTED_CLIENT, VALIDATION_REQUIRED…).</param>
/// <param name="Credits">The Google One AI credit balance on the paid tier; null when the account has no paid tier.</param>
internal sealed record CodeAssistStatus(
    string? ProjectId,
    string? CurrentTierId,
    string? PaidTierId,
    string? DefaultAllowedTierId,
    IReadOnlyList<IneligibleTier>? IneligibleTiers = null,
    CreditBalance? Credits = null)
{
    /// <summary>The first ineligible tier with this reason code, if any.</summary>
    public IneligibleTier? Ineligible(string reasonCode) =>
        IneligibleTiers?.FirstOrDefault(t => string.Equals(t.ReasonCode, reasonCode, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A tier loadCodeAssist refuses, with its reason code (an open string) and a verification link when it has one.</summary>
internal sealed record IneligibleTier(string ReasonCode, string? Message, string? ValidationUrl);

/// <summary>A Google One AI credit balance (upstream-2026 §3.3): usable while the amount is at least the minimum.</summary>
internal sealed record CreditBalance(long Amount, long Minimum)
{
    /// <summary>The minimum when the upstream names none (GCLI's MIN_CREDIT_BALANCE).</summary>
    public const long DefaultMinimum = 50;

    public bool Usable => Amount >= Minimum;
}

/// <summary>One onboardUser poll (spec §3.4).</summary>
internal sealed record OnboardStatus(bool Done, string? ProjectId);
