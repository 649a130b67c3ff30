using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// The most output tokens (<c>generationConfig.maxOutputTokens</c>) each model accepts, from the references:
/// the base catalogue (spec §7, "max out") corrected by the 2026 addendum (§6.2: Opus 4.6 64 000, GPT-OSS
/// 32 768). Every Claude id has 64 000. Ids neither reference gives a limit for (image models, the 2026
/// Flash ids) take the catalogue's <see cref="ModelInfo.MaxOutputTokens"/>, which is also what
/// <c>fetchAvailableModels</c> advertises; a test keeps the two in agreement for every catalogue id, so a
/// client that clamps to the advertised limit is always accepted.
/// </summary>
internal static class OutputLimits
{
    public const int Claude = 64_000;

    private static readonly Dictionary<string, int> ByReference = new(StringComparer.Ordinal)
    {
        ["gemini-3-pro-low"] = 65_535,
        ["gemini-3-pro-high"] = 65_535,
        ["gemini-3.1-pro-low"] = 65_535,
        ["gemini-3.1-pro-high"] = 65_535,
        ["gemini-pro-agent"] = 65_536,
        ["gemini-3-flash"] = 65_536,
        ["gemini-2.5-flash"] = 65_535,
        ["gemini-2.5-flash-thinking"] = 65_535,
        ["gemini-2.5-flash-lite"] = 65_535,
        ["gemini-2.5-pro"] = 65_535,
        ["gemini-3-pro-preview"] = 65_535,
        ["gemini-3-flash-preview"] = 65_535,
        ["gemini-3.1-pro-preview"] = 65_535,
        ["gemini-3.1-pro-preview-customtools"] = 65_535,
        ["gpt-oss-120b-medium"] = 32_768,
    };

    /// <summary>The model's output limit: the references' value, else the catalogue's.</summary>
    public static int For(ModelInfo model) =>
        ByReference.TryGetValue(model.Id, out var limit) ? limit
        : model.IsClaude ? Claude
        : model.MaxOutputTokens;
}
