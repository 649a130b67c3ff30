using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Switchyard.Upstream;

namespace Switchyard.Quota;

/// <summary>Quota reading and protection. Section <c>Quota</c>.</summary>
internal sealed class QuotaOptions : IGatewayOptions<QuotaOptions>
{
    public const string Section = "Quota";

    /// <inheritdoc/>
    /// <remarks>Keeps <see cref="PacingOptions"/>'s and <see cref="ForecastOptions"/>'s properties for the start-up key check, which reads them by reflection.</remarks>
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties, typeof(PacingOptions))]
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties, typeof(ForecastOptions))]
    public static void Bind(IConfiguration section, QuotaOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>
    /// How often the server reads every enabled account's quota summary, catalogue, credits and pools; 0 turns the
    /// schedule off (start-up and new-account reads still happen, see <see cref="RefreshOnStart"/>).
    /// </summary>
    [Range(0, 86400)]
    public int RefreshIntervalSeconds { get; set; } = 600;

    /// <summary>Read every account when the server starts, and a newly added account at once, so quota shows at once.</summary>
    public bool RefreshOnStart { get; set; } = true;

    /// <summary>How long the server's start waits for the first reading before it serves anyway (the reading goes on).</summary>
    [Range(0, 300)]
    public int StartupWaitSeconds { get; set; } = 10;

    /// <summary>
    /// Per window (<c>gemini-5h</c>, <c>gemini-weekly</c>, <c>3p-5h</c>, <c>3p-weekly</c>, <c>image</c>), the remaining
    /// fraction below which the scheduler does not use an account for models of that window. A 2025 group name
    /// (<c>claude</c>, <c>gemini-pro</c>, <c>gemini-flash</c>, <c>gpt-oss</c>) sets both windows of its family. Absent
    /// windows are not protected (the default).
    /// </summary>
    public Dictionary<string, double> ProtectionThresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Weekly budgets per account and family (off by default); see docs/scheduling.md.</summary>
    [ValidateObjectMembers]
    public PacingOptions Pacing { get; set; } = new();

    /// <summary>When the pool runs dry at the recent rate.</summary>
    [ValidateObjectMembers]
    public ForecastOptions Forecast { get; set; } = new();
}

/// <summary>Attribute rules of <see cref="QuotaOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class QuotaOptionsValidator : IValidateOptions<QuotaOptions>;

/// <summary>Thresholds are fractions of known windows.</summary>
internal sealed class QuotaOptionsCustomValidator : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var (group, threshold) in options.ProtectionThresholds)
        {
            if (!QuotaGroups.ThresholdKeys.Contains(group, StringComparer.OrdinalIgnoreCase))
            {
                builder.AddError($"Unknown quota window '{group}'. Known: {string.Join(", ", QuotaGroups.ThresholdKeys)}.", $"Quota:ProtectionThresholds:{group}");
            }

            if (threshold is < 0 or > 1 || double.IsNaN(threshold))
            {
                builder.AddError($"{threshold} is not a fraction between 0 and 1.", $"Quota:ProtectionThresholds:{group}");
            }
        }

        var pacing = options.Pacing;
        if (pacing is null)
        {
            builder.AddError("Pacing must not be null.", "Quota:Pacing");
            return builder.Build();
        }

        foreach (var (where, mode) in pacing.Accounts.Select(kv => ($"Quota:Pacing:Accounts:{kv.Key}", kv.Value)).Prepend(("Quota:Pacing:Mode", pacing.Mode)))
        {
            if (!PacingOptions.Modes.Contains(mode, StringComparer.OrdinalIgnoreCase))
            {
                builder.AddError($"Unknown pacing mode '{mode}'; use one of {string.Join(", ", PacingOptions.Modes)}.", where);
            }
        }

        foreach (var (family, budget) in pacing.Budgets)
        {
            if (!QuotaWindowNames.Families.Contains(family, StringComparer.OrdinalIgnoreCase))
            {
                builder.AddError($"Unknown family '{family}'. Known: {string.Join(", ", QuotaWindowNames.Families)}.", $"Quota:Pacing:Budgets:{family}");
            }

            if (budget is < 0 or > 1 || double.IsNaN(budget))
            {
                builder.AddError($"{budget} is not a fraction between 0 and 1.", $"Quota:Pacing:Budgets:{family}");
            }
        }

        return builder.Build();
    }
}
