using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// The model catalogue: the ids served in September 2026 (2026 §6.2), the 2025 ids kept behind
/// <c>catalogue.serveLegacyModels</c> (spec §7), the retired ids with their successors and notices (2026 §6.3),
/// and the gemini-cli pool. The checks of §8.2 step 4 are in <c>ModelCatalog.Resolve.cs</c>.
/// </summary>
internal static partial class ModelCatalog
{
    private const int GeminiContext = 1_048_576;
    private const string Gemini = "gemini";
    private const string Claude = "claude";
    private const string GptOss = "gpt-oss";

    private static readonly string[] Ag = [QuotaPools.Antigravity];
    private static readonly string[] Cli = [QuotaPools.GeminiCli];
    private static readonly string[] Both = [QuotaPools.Antigravity, QuotaPools.GeminiCli];

    public static readonly IReadOnlyList<ModelInfo> All =
    [
        // 2026 antigravity catalogue (§6.2).
        new("claude-opus-4-6-thinking", "Claude Opus 4.6 (Thinking)", Claude, QuotaFamilies.ThirdParty, Ag, 200_000, 64_000, Thinking: true)
            { ThinkingBudget = 32_768, BackendEnum = "MODEL_PLACEHOLDER_M26", Recommended = true },
        new("claude-sonnet-4-6", "Claude Sonnet 4.6", Claude, QuotaFamilies.ThirdParty, Ag, 200_000, 64_000, Thinking: true)
            { ThinkingBudget = 32_768, BackendEnum = "MODEL_PLACEHOLDER_M35", Recommended = true },
        new("gemini-pro-agent", "Gemini 3.1 Pro (High)", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_536, Thinking: true, Gemini3: true)
            { ThinkingBudget = 10_001, BackendEnum = "MODEL_PLACEHOLDER_M37", Recommended = true },
        new("gemini-3.1-pro-low", "Gemini 3.1 Pro (Low)", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_535, Thinking: true, Gemini3: true)
            { ThinkingBudget = 1_001, BackendEnum = "MODEL_PLACEHOLDER_M36", Recommended = true },
        .. Flash("3.8", "M50", isNew: true, recommended: true),
        .. Flash("3.7", "M46", isNew: false, recommended: false),
        .. Flash("3.6", "M42", isNew: false, recommended: false),
        new("gemini-3.5-flash-lite", "Gemini 3.5 Flash Lite", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_536, Thinking: true, Gemini3: true)
            { ThinkingBudget = 1_000, BackendEnum = "MODEL_PLACEHOLDER_M41" },
        new("gemini-3.1-flash-lite", "Gemini 3.1 Flash Lite", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_536, Thinking: true, Gemini3: true)
            { ThinkingBudget = 1_000, BackendEnum = "MODEL_PLACEHOLDER_M33" },
        new("gemini-3-flash", "Gemini 3 Flash", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_536, Thinking: true, Gemini3: true)
            { ThinkingBudget = 32_768, BackendEnum = "MODEL_PLACEHOLDER_M18" },
        new("gemini-3.1-flash-image", "Gemini 3.1 Flash Image", Gemini, "image-flash", Ag, GeminiContext, 32_768, Thinking: false, Image: true, Gemini3: true)
            { BackendEnum = "MODEL_PLACEHOLDER_M34" },
        new("gpt-oss-120b-medium", "GPT-OSS 120B (Medium)", GptOss, QuotaFamilies.ThirdParty, Ag, 131_072, 32_768, Thinking: false)
            { BackendEnum = "MODEL_OPENAI_GPT_OSS_120B_MEDIUM" },

        // 2025 antigravity ids (spec §7), served only with catalogue.serveLegacyModels.
        new("claude-sonnet-4-6-thinking", "Claude Sonnet 4.6 (Thinking)", Claude, QuotaFamilies.ThirdParty, Ag, 200_000, 64_000, Thinking: true) { Legacy = true, ThinkingBudget = 32_768 },
        new("gemini-3-pro-low", "Gemini 3 Pro (Low)", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_535, Thinking: true, Gemini3: true) { Legacy = true, ThinkingBudget = 32_768 },
        new("gemini-3-pro-high", "Gemini 3 Pro (High)", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_535, Thinking: true, Gemini3: true) { Legacy = true, ThinkingBudget = 32_768 },
        new("gemini-3.1-pro-high", "Gemini 3.1 Pro (High)", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_535, Thinking: true, Gemini3: true) { Legacy = true, ThinkingBudget = 32_768 },
        new("gemini-2.5-flash-thinking", "Gemini 2.5 Flash (Thinking)", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_535, Thinking: true) { Legacy = true, ThinkingBudget = 24_576 },
        new("gemini-2.5-flash-lite", "Gemini 2.5 Flash Lite", Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_535, Thinking: true) { Legacy = true, ThinkingBudget = 24_576 },
        new("gemini-3-pro-image", "Gemini 3 Pro Image", Gemini, "image-pro", Ag, GeminiContext, 32_768, Thinking: false, Image: true, Gemini3: true) { Legacy = true },

        // In both pools: legacy in antigravity, current in gemini-cli.
        new("gemini-2.5-flash", "Gemini 2.5 Flash", Gemini, QuotaFamilies.Gemini, Both, GeminiContext, 65_535, Thinking: true) { Legacy = true, ThinkingBudget = 24_576 },
        new("gemini-2.5-pro", "Gemini 2.5 Pro", Gemini, QuotaFamilies.Gemini, Both, GeminiContext, 65_535, Thinking: true) { Legacy = true, ThinkingBudget = 24_576 },

        // The gemini-cli pool (licensed accounts only in 2026, §5).
        new("gemini-3-pro-preview", "Gemini 3 Pro Preview", Gemini, "gemini-3-pro-preview", Cli, GeminiContext, 65_535, Thinking: true, Gemini3: true),
        new("gemini-3-flash-preview", "Gemini 3 Flash Preview", Gemini, "gemini-3-flash-preview", Cli, GeminiContext, 65_535, Thinking: true, Gemini3: true),
        new("gemini-3.1-pro-preview", "Gemini 3.1 Pro Preview", Gemini, "gemini-3.1-pro-preview", Cli, GeminiContext, 65_535, Thinking: true, Gemini3: true),
        new("gemini-3.1-pro-preview-customtools", "Gemini 3.1 Pro Preview (Custom Tools)", Gemini, "gemini-3.1-pro-preview-customtools", Cli, GeminiContext, 65_535, Thinking: true, Gemini3: true),
    ];

    private const string Flash35Notice = "Gemini 3.5 Flash is no longer available. Please switch to Gemini 3.7 Flash in the latest version of Antigravity.";
    private const string Pro3Notice = "Gemini 3 Pro is no longer available. Please switch to Gemini 3.1 Pro.";
    private const string Sonnet45Notice = "Claude Sonnet 4.5 is no longer available. Please switch to Claude Sonnet 4.6.";
    private const string Opus45Notice = "Claude Opus 4.5 is no longer available. Please switch to Claude Opus 4.6!";

    /// <summary>
    /// Retired ids: listed in <c>deprecatedModelIds</c> with their successor and answered 200 with the notice
    /// (2026 §6.3). The notices are the captured texts; the 3.1 Pro (High) and 3 Pro Image ones follow their pattern.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, RetiredModel> Retired = new RetiredModel[]
    {
        new("claude-opus-4-5-thinking", "claude-opus-4-6-thinking", Opus45Notice),
        new("claude-opus-4-5", "claude-opus-4-6-thinking", Opus45Notice),
        new("claude-sonnet-4-5", "claude-sonnet-4-6", Sonnet45Notice),
        new("claude-sonnet-4-5-thinking", "claude-sonnet-4-6", Sonnet45Notice),
        new("gemini-3-pro-low", "gemini-3.1-pro-low", Pro3Notice),
        new("gemini-3-pro-high", "gemini-pro-agent", Pro3Notice),
        new("gemini-3.1-pro-high", "gemini-pro-agent",
            "Gemini 3.1 Pro (High) is no longer available. Please switch to Gemini 3.1 Pro (High) in the latest version of Antigravity."),
        new("gemini-3-pro-image", "gemini-3.1-flash-image", "Gemini 3 Pro Image is no longer available. Please switch to Gemini 3.1 Flash Image."),
        new("gemini-3.5-flash-extra-low", "gemini-3.7-flash-low", Flash35Notice),
        new("gemini-3.5-flash-low", "gemini-3.7-flash-medium", Flash35Notice),
        new("gemini-3-flash-agent", "gemini-3.7-flash-high", Flash35Notice),
    }.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>Internal helpers the catalogue lists with <c>isInternal: true</c> (clients hide them); not servable.</summary>
    public static readonly IReadOnlyList<string> InternalIds = ["chat_20706", "chat_23310", "tab_flash_lite_preview", "tab_jump_flash_lite_preview"];

    /// <summary>Models the catalogue names in <c>webSearchModelIds</c>.</summary>
    public static readonly IReadOnlyList<string> WebSearchModelIds = ["gemini-3-flash", "gemini-3.1-flash-lite"];

    private static readonly Dictionary<string, ModelInfo> ById = All.ToDictionary(m => m.Id, StringComparer.Ordinal);

    public static ModelInfo? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>
    /// The rpm key, and the bucket for models outside the summary windows: in the gemini-cli pool each model is its
    /// own; in antigravity, the table's (the quota family for text models, image-flash / image-pro for images).
    /// </summary>
    public static string BucketFor(ModelInfo model, string pool) =>
        pool == QuotaPools.GeminiCli ? model.Id : model.Bucket;

    /// <summary>The four <c>-high/-medium/-low/-tiered</c> ids of one Flash generation.</summary>
    private static IEnumerable<ModelInfo> Flash(string version, string enumBase, bool isNew, bool recommended)
    {
        (string Suffix, string Label, int Budget)[] levels = [("high", "High", 10_000), ("medium", "Medium", 4_000), ("low", "Low", 1_000), ("tiered", "", 4_000)];
        var n = 0;
        foreach (var (suffix, label, budget) in levels)
        {
            var display = label.Length == 0 ? $"Gemini {version} Flash" : $"Gemini {version} Flash ({label})";
            yield return new ModelInfo($"gemini-{version}-flash-{suffix}", display, Gemini, QuotaFamilies.Gemini, Ag, GeminiContext, 65_536, Thinking: true, Gemini3: true)
            {
                ThinkingBudget = budget,
                BackendEnum = $"MODEL_PLACEHOLDER_{enumBase}{(char)('A' + n++)}",
                IsNew = isNew,
                Recommended = recommended && suffix != "tiered",
                Tiered = suffix == "tiered",
            };
        }
    }
}

/// <summary>A retired model id, its successor and the notice a call for it is answered with.</summary>
internal sealed record RetiredModel(string Id, string Successor, string Notice);
