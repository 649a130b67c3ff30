using System.Collections.Frozen;

namespace Switchyard.Models;

/// <summary>A retired id and the id that replaces it; <see cref="Thinking"/> overrides the successor's trait when set.</summary>
internal sealed record ModelReplacement(string Id, bool? Thinking = null);

/// <summary>
/// The gateway's built-in catalogue of upstream model ids (the September 2026 catalogue, upstream-2026 §6.2) and the
/// retired ids with their successors (§6.3). These are hints: the live catalogue each account's
/// <c>fetchAvailableModels</c> returns is the authority on what is served, and its <c>deprecatedModelIds</c> wins over
/// <see cref="Replacements"/>.
/// <para>Context and output limits are the catalogue's; the image model's context is the gateway's conservative choice.</para>
/// </summary>
internal static class UpstreamModels
{
    private const int ClaudeContext = 200_000;
    private const int ClaudeOutput = 64_000;
    private const int GeminiContext = 1_048_576;
    private const int GeminiOutput = 65_535;
    private const int FlashOutput = 65_536;

    /// <summary>Every upstream id, in the order <c>/v1/models</c> lists them.</summary>
    public static IReadOnlyList<UpstreamModelInfo> All { get; } =
    [
        Claude("claude-opus-4-6-thinking", "Claude Opus 4.6 (Thinking)", thinking: true),
        Claude("claude-sonnet-4-6", "Claude Sonnet 4.6", thinking: false),

        new("gemini-pro-agent", "Gemini 3.1 Pro (High)", ModelFamily.Gemini, ModelGroups.GeminiPro, ModelGroups.GeminiPro,
            Thinking: true, Gemini3: true, ImageGeneration: false, GeminiContext, FlashOutput),
        new("gemini-3.1-pro-low", "Gemini 3.1 Pro (Low)", ModelFamily.Gemini, ModelGroups.GeminiPro, ModelGroups.GeminiPro,
            Thinking: true, Gemini3: true, ImageGeneration: false, GeminiContext, GeminiOutput, ImpliedLevel: "low"),

        .. Flash("3.8"),
        .. Flash("3.7"),
        .. Flash("3.6"),
        Gemini3Flash("gemini-3.5-flash-lite", "Gemini 3.5 Flash Lite", null),
        Gemini3Flash("gemini-3.1-flash-lite", "Gemini 3.1 Flash Lite", null),
        Gemini3Flash("gemini-3-flash", "Gemini 3 Flash", null),

        new("gemini-3.1-flash-image", "Gemini 3.1 Flash Image", ModelFamily.Gemini, ModelGroups.Image, ModelGroups.ImageFlashBucket,
            Thinking: false, Gemini3: true, ImageGeneration: true, 65_536, 32_768),

        new("gpt-oss-120b-medium", "GPT-OSS 120B (Medium)", ModelFamily.GptOss, ModelGroups.GptOss, ModelGroups.GptOss,
            Thinking: false, Gemini3: false, ImageGeneration: false, 131_072, 32_768),

        // The gemini-cli pool (accounts with a Gemini Code Assist licence only since 2026-06, upstream-2026 §5).
        Gemini25("gemini-2.5-pro", "Gemini 2.5 Pro", ModelGroups.GeminiPro),
        Gemini25("gemini-2.5-flash", "Gemini 2.5 Flash", ModelGroups.GeminiFlash),
        GeminiCli("gemini-3-pro-preview", "Gemini 3 Pro Preview", ModelGroups.GeminiPro),
        GeminiCli("gemini-3-flash-preview", "Gemini 3 Flash Preview", ModelGroups.GeminiFlash),
        GeminiCli("gemini-3.1-pro-preview", "Gemini 3.1 Pro Preview", ModelGroups.GeminiPro),
        GeminiCli("gemini-3.1-pro-preview-customtools", "Gemini 3.1 Pro Preview (Custom Tools)", ModelGroups.GeminiPro),
    ];

    /// <summary>
    /// Retired ids (<c>deprecatedModelIds</c>, upstream-2026 §6.3) and the 2025 ids gone from the catalogue, with the id
    /// that replaces each. Sonnet 4.6 has no <c>-thinking</c> id: a thinking Sonnet is Sonnet 4.6 asked to think.
    /// </summary>
    public static FrozenDictionary<string, ModelReplacement> Replacements { get; } = new Dictionary<string, ModelReplacement>(StringComparer.OrdinalIgnoreCase)
    {
        ["claude-opus-4-5-thinking"] = new("claude-opus-4-6-thinking"),
        ["claude-opus-4-5"] = new("claude-opus-4-6-thinking"),
        ["claude-sonnet-4-5"] = new("claude-sonnet-4-6"),
        ["claude-sonnet-4-5-thinking"] = new("claude-sonnet-4-6", Thinking: true),
        ["claude-sonnet-4-6-thinking"] = new("claude-sonnet-4-6", Thinking: true),
        ["gemini-3-pro-low"] = new("gemini-3.1-pro-low"),
        ["gemini-3-pro-high"] = new("gemini-pro-agent"),
        ["gemini-3.1-pro-high"] = new("gemini-pro-agent"),
        ["gemini-3-pro-image"] = new("gemini-3.1-flash-image"),
        ["gemini-3.5-flash-extra-low"] = new("gemini-3.7-flash-low"),
        ["gemini-3.5-flash-low"] = new("gemini-3.7-flash-medium"),
        ["gemini-3-flash-agent"] = new("gemini-3.7-flash-high"),
        ["gemini-2.5-flash-thinking"] = new("gemini-2.5-flash"),
        ["gemini-2.5-flash-lite"] = new("gemini-3.1-flash-lite"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, UpstreamModelInfo> _byId =
        All.ToFrozenDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Looks up an upstream id, case-insensitively. Retired ids are not upstream ids.</summary>
    public static bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UpstreamModelInfo? model) =>
        _byId.TryGetValue(id, out model);

    public static UpstreamModelInfo Get(string id) => _byId[id];

    private static UpstreamModelInfo Claude(string id, string name, bool thinking) =>
        new(id, name, ModelFamily.Claude, ModelGroups.Claude, ModelGroups.Claude, thinking, Gemini3: false, ImageGeneration: false,
            ClaudeContext, ClaudeOutput);

    /// <summary>One Flash generation's four ids: <c>-high</c>, <c>-medium</c>, <c>-low</c> (the level in the id) and <c>-tiered</c>.</summary>
    private static IEnumerable<UpstreamModelInfo> Flash(string version)
    {
        foreach (var (suffix, label) in new[] { ("high", "High"), ("medium", "Medium"), ("low", "Low") })
        {
            yield return Gemini3Flash($"gemini-{version}-flash-{suffix}", $"Gemini {version} Flash ({label})", suffix);
        }

        yield return Gemini3Flash($"gemini-{version}-flash-tiered", $"Gemini {version} Flash", null);
    }

    private static UpstreamModelInfo Gemini3Flash(string id, string name, string? level) =>
        new(id, name, ModelFamily.Gemini, ModelGroups.GeminiFlash, ModelGroups.GeminiFlash, Thinking: true, Gemini3: true,
            ImageGeneration: false, GeminiContext, FlashOutput, ImpliedLevel: level);

    private static UpstreamModelInfo Gemini25(string id, string name, string group) =>
        new(id, name, ModelFamily.Gemini, group, Bucket: id, Thinking: true, Gemini3: false, ImageGeneration: false,
            GeminiContext, GeminiOutput, ModelPool.GeminiCli);

    private static UpstreamModelInfo GeminiCli(string id, string name, string group) =>
        new(id, name, ModelFamily.Gemini, group, Bucket: id, Thinking: true, Gemini3: true, ImageGeneration: false,
            GeminiContext, GeminiOutput, ModelPool.GeminiCli);
}
