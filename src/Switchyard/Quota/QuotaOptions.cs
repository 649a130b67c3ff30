using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.Quota;

/// <summary>Quota reading and protection. Section <c>Quota</c>.</summary>
internal sealed class QuotaOptions : IGatewayOptions<QuotaOptions>
{
    public const string Section = "Quota";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, QuotaOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>How often the server reads fetchAvailableModels for every enabled account; 0 turns the schedule off.</summary>
    [Range(0, 86400)]
    public int RefreshIntervalSeconds { get; set; } = 600;

    /// <summary>
    /// Per model group (claude, gemini-pro, gemini-flash, image, gpt-oss), the remaining fraction below which the
    /// scheduler does not use an account for that group. Absent groups are not protected (the default).
    /// </summary>
    public Dictionary<string, double> ProtectionThresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Attribute rules of <see cref="QuotaOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class QuotaOptionsValidator : IValidateOptions<QuotaOptions>;

/// <summary>Thresholds are fractions of known groups.</summary>
internal sealed class QuotaOptionsCustomValidator : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var (group, threshold) in options.ProtectionThresholds)
        {
            if (!QuotaGroups.All.Contains(group, StringComparer.OrdinalIgnoreCase))
            {
                builder.AddError($"Unknown model group '{group}'. Known groups: {string.Join(", ", QuotaGroups.All)}.", $"Quota:ProtectionThresholds:{group}");
            }

            if (threshold is < 0 or > 1 || double.IsNaN(threshold))
            {
                builder.AddError($"{threshold} is not a fraction between 0 and 1.", $"Quota:ProtectionThresholds:{group}");
            }
        }

        return builder.Build();
    }
}
