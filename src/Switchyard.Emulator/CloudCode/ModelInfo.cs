namespace Switchyard.Emulator.CloudCode;

/// <summary>One upstream model id (spec §7; 2026 catalogue §6).</summary>
/// <param name="Family">claude, gemini or gpt-oss.</param>
/// <param name="Bucket">
/// The rpm key and, for image and gemini-cli models, the quota bucket shared by the models in it. Antigravity text
/// models spend their quota family's 5 h and weekly windows instead (<see cref="QuotaFamily"/>).
/// </param>
/// <param name="Pools">Pools that serve the id.</param>
internal sealed record ModelInfo(
    string Id,
    string DisplayName,
    string Family,
    string Bucket,
    string[] Pools,
    int ContextTokens,
    int MaxOutputTokens,
    bool Thinking,
    bool Image = false,
    bool Gemini3 = false)
{
    public bool IsClaude => Family == "claude";
    public bool IsGemini => Family == "gemini";

    /// <summary>The summary group whose windows an antigravity call spends: <c>gemini</c> or <c>3p</c>; null for image models.</summary>
    public string? QuotaFamily => Image ? null : IsGemini ? QuotaFamilies.Gemini : QuotaFamilies.ThirdParty;

    /// <summary>A 2025 id the 2026 antigravity catalogue no longer has; served only with <c>catalogue.serveLegacyModels</c>.</summary>
    public bool Legacy { get; init; }

    /// <summary><c>thinkingBudget</c> in fetchAvailableModels.</summary>
    public int? ThinkingBudget { get; init; }

    /// <summary>The backend enum fetchAvailableModels names in <c>model</c>.</summary>
    public string? BackendEnum { get; init; }

    /// <summary>Shown with <c>tagTitle: "New"</c>.</summary>
    public bool IsNew { get; init; }

    /// <summary>Marked <c>recommended</c> and listed in <c>agentModelSorts</c>.</summary>
    public bool Recommended { get; init; }

    /// <summary>One id whose thinking level comes from <c>thinkingConfig.thinkingLevel</c> (<c>-tiered</c>).</summary>
    public bool Tiered { get; init; }
}

/// <summary>The two groups of retrieveUserQuotaSummary (2026 §1.4).</summary>
internal static class QuotaFamilies
{
    public const string Gemini = "gemini";

    /// <summary>Claude and GPT-OSS ("3p").</summary>
    public const string ThirdParty = "3p";

    public static readonly string[] All = [Gemini, ThirdParty];
}
