using Switchyard.Models;

namespace Switchyard.Quota;

/// <summary>
/// The names <c>Quota:ProtectionThresholds</c> accepts: a window key (<see cref="QuotaKeys.Windows"/>), <c>image</c>, or a
/// model group of the 2025 reading (<c>claude</c>, <c>gemini-pro</c>, <c>gemini-flash</c>, <c>gpt-oss</c>), which now
/// stands for both windows of its family.
/// </summary>
internal static class QuotaGroups
{
    public static IReadOnlyList<string> LegacyGroups { get; } = [ModelGroups.Claude, ModelGroups.GeminiPro, ModelGroups.GeminiFlash, ModelGroups.GptOss];

    /// <summary>Every name a threshold may be set for.</summary>
    public static IReadOnlyList<string> ThresholdKeys { get; } = [.. QuotaKeys.All, .. LegacyGroups];

    /// <summary>The window keys a threshold name covers.</summary>
    public static IReadOnlyList<string> Covered(string name) =>
        QuotaKeys.All.Contains(name, StringComparer.OrdinalIgnoreCase) ? [name.ToLowerInvariant()]
        : ModelGroups.FamilyOf(name.ToLowerInvariant()) is { } family ? QuotaKeys.WindowsOf(family)
        : [];
}
