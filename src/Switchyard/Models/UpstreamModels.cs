using System.Collections.Frozen;

namespace Switchyard.Models;

/// <summary>
/// The gateway's own catalogue of upstream model ids (upstream-protocol §7) and the legacy ids the
/// upstream lists in <c>deprecatedModelIds</c>, with their replacements.
/// <para>Context and output limits come from §7; where §7 gives none (image models, gpt-oss context) the
/// values here are the gateway's conservative choice.</para>
/// </summary>
internal static class UpstreamModels
{
    private const int ClaudeContext = 200_000;
    private const int ClaudeOutput = 64_000;
    private const int GeminiContext = 1_048_576;
    private const int GeminiOutput = 65_535;
    private const int Gemini3FlashOutput = 65_536;

    /// <summary>Every upstream id, in the order <c>/v1/models</c> lists them.</summary>
    public static IReadOnlyList<UpstreamModelInfo> All { get; } =
    [
        Claude("claude-opus-4-6-thinking", "Claude Opus 4.6 (Thinking)", thinking: true),
        Claude("claude-sonnet-4-6", "Claude Sonnet 4.6", thinking: false),
        Claude("claude-sonnet-4-6-thinking", "Claude Sonnet 4.6 (Thinking)", thinking: true),

        Gemini3Pro("gemini-3-pro-low", "Gemini 3 Pro (Low)", "low"),
        Gemini3Pro("gemini-3-pro-high", "Gemini 3 Pro (High)", "high"),
        Gemini3Pro("gemini-3.1-pro-low", "Gemini 3.1 Pro (Low)", "low"),
        Gemini3Pro("gemini-3.1-pro-high", "Gemini 3.1 Pro (High)", "high"),
        new("gemini-pro-agent", "Gemini Pro Agent", ModelFamily.Gemini, ModelGroups.GeminiPro, ModelGroups.GeminiPro,
            Thinking: true, Gemini3: true, ImageGeneration: false, GeminiContext, 65_536),
        new("gemini-3-flash", "Gemini 3 Flash", ModelFamily.Gemini, ModelGroups.GeminiFlash, ModelGroups.GeminiFlash,
            Thinking: true, Gemini3: true, ImageGeneration: false, GeminiContext, Gemini3FlashOutput),

        Gemini25("gemini-2.5-pro", "Gemini 2.5 Pro", ModelGroups.GeminiPro),
        Gemini25("gemini-2.5-flash", "Gemini 2.5 Flash", ModelGroups.GeminiFlash),
        Gemini25("gemini-2.5-flash-thinking", "Gemini 2.5 Flash (Thinking)", ModelGroups.GeminiFlash),
        Gemini25("gemini-2.5-flash-lite", "Gemini 2.5 Flash Lite", ModelGroups.GeminiFlash),

        new("gemini-3-pro-image", "Gemini 3 Pro Image", ModelFamily.Gemini, ModelGroups.Image, ModelGroups.ImageProBucket,
            Thinking: false, Gemini3: true, ImageGeneration: true, 65_536, 32_768),
        new("gemini-3.1-flash-image", "Gemini 3.1 Flash Image", ModelFamily.Gemini, ModelGroups.Image, ModelGroups.ImageFlashBucket,
            Thinking: false, Gemini3: true, ImageGeneration: true, 65_536, 32_768),

        new("gpt-oss-120b-medium", "GPT-OSS 120B (Medium)", ModelFamily.GptOss, ModelGroups.GptOss, ModelGroups.GptOss,
            Thinking: false, Gemini3: false, ImageGeneration: false, 131_072, 32_768),

        GeminiCli("gemini-3-pro-preview", "Gemini 3 Pro Preview", ModelGroups.GeminiPro),
        GeminiCli("gemini-3-flash-preview", "Gemini 3 Flash Preview", ModelGroups.GeminiFlash),
        GeminiCli("gemini-3.1-pro-preview", "Gemini 3.1 Pro Preview", ModelGroups.GeminiPro),
        GeminiCli("gemini-3.1-pro-preview-customtools", "Gemini 3.1 Pro Preview (Custom Tools)", ModelGroups.GeminiPro),
    ];

    /// <summary>Legacy ids (<c>deprecatedModelIds</c>) and the id that replaces each.</summary>
    public static FrozenDictionary<string, string> Replacements { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["claude-opus-4-5-thinking"] = "claude-opus-4-6-thinking",
        ["claude-sonnet-4-5"] = "claude-sonnet-4-6",
        ["claude-sonnet-4-5-thinking"] = "claude-sonnet-4-6-thinking",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, UpstreamModelInfo> _byId =
        All.ToFrozenDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Looks up an upstream id, case-insensitively. Legacy ids are not upstream ids.</summary>
    public static bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UpstreamModelInfo? model) =>
        _byId.TryGetValue(id, out model);

    public static UpstreamModelInfo Get(string id) => _byId[id];

    private static UpstreamModelInfo Claude(string id, string name, bool thinking) =>
        new(id, name, ModelFamily.Claude, ModelGroups.Claude, ModelGroups.Claude, thinking, Gemini3: false, ImageGeneration: false,
            ClaudeContext, ClaudeOutput);

    private static UpstreamModelInfo Gemini3Pro(string id, string name, string level) =>
        new(id, name, ModelFamily.Gemini, ModelGroups.GeminiPro, ModelGroups.GeminiPro, Thinking: true, Gemini3: true,
            ImageGeneration: false, GeminiContext, GeminiOutput, ImpliedLevel: level);

    private static UpstreamModelInfo Gemini25(string id, string name, string group) =>
        new(id, name, ModelFamily.Gemini, group, group, Thinking: true, Gemini3: false, ImageGeneration: false,
            GeminiContext, GeminiOutput, AlsoGeminiCli: true);

    private static UpstreamModelInfo GeminiCli(string id, string name, string group) =>
        new(id, name, ModelFamily.Gemini, group, Bucket: id, Thinking: true, Gemini3: true, ImageGeneration: false,
            GeminiContext, GeminiOutput, ModelPool.GeminiCli);
}
