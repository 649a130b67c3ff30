using System.ComponentModel.DataAnnotations;

namespace Switchyard.Scheduling;

/// <summary>
/// Constants of the hybrid strategy (section <c>Scheduling:Hybrid</c>); defaults and ranges are the plugin's
/// (seed-plugin-inventory §1.2, §2.2, §2.3). Health and tokens are kept for every strategy, so switching to
/// hybrid at run time starts from real data.
/// </summary>
internal sealed class HybridOptions
{
    [Range(0.0, 100.0)]
    public double InitialHealth { get; set; } = 70;

    [Range(0.0, 10.0)]
    public double SuccessReward { get; set; } = 1;

    /// <summary>Subtracted on a 429 (positive number; the plugin writes −10).</summary>
    [Range(0.0, 50.0)]
    public double RateLimitPenalty { get; set; } = 10;

    /// <summary>Subtracted on an account failure: 401/403 after retry, verification, failing on every host.</summary>
    [Range(0.0, 100.0)]
    public double FailurePenalty { get; set; } = 20;

    [Range(0.0, 20.0)]
    public double RecoveryPerHour { get; set; } = 2;

    /// <summary>Accounts below this health are not picked by hybrid (the plugin hard-codes 50 and ignores its setting).</summary>
    [Range(0.0, 100.0)]
    public double MinUsableHealth { get; set; } = 50;

    [Range(50.0, 100.0)]
    public double MaxHealth { get; set; } = 100;

    [Range(1.0, 1000.0)]
    public double MaxTokens { get; set; } = 50;

    [Range(0.1, 60.0)]
    public double TokensPerMinute { get; set; } = 6;

    [Range(1.0, 1000.0)]
    public double InitialTokens { get; set; } = 50;

    /// <summary>Tokens one pick consumes; refunded on 429, capacity and network failures.</summary>
    [Range(0.0, 1000.0)]
    public double TokenCost { get; set; } = 1;

    /// <summary>Points per health point (0–200 with the defaults).</summary>
    [Range(0.0, 100.0)]
    public double HealthWeight { get; set; } = 2;

    /// <summary>Points per percent of a full bucket (0–500 with the defaults).</summary>
    [Range(0.0, 100.0)]
    public double TokenWeight { get; set; } = 5;

    /// <summary>Points per idle second, up to <see cref="FreshnessCapSeconds"/> (0–360 with the defaults).</summary>
    [Range(0.0, 100.0)]
    public double FreshnessWeight { get; set; } = 0.1;

    [Range(0.0, 86400.0)]
    public double FreshnessCapSeconds { get; set; } = 3600;

    /// <summary>Bonus of the current account when ranking.</summary>
    [Range(0.0, 10000.0)]
    public double StickinessBonus { get; set; } = 150;

    /// <summary>Another account must beat the current one's base score by at least this much to take over.</summary>
    [Range(0.0, 10000.0)]
    public double SwitchThreshold { get; set; } = 100;
}
