using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>The model catalogue of spec §7 and the model check of §8.2 step 4.</summary>
internal static class ModelCatalog
{
    private static readonly string[] Ag = [QuotaPools.Antigravity];
    private static readonly string[] Cli = [QuotaPools.GeminiCli];
    private static readonly string[] Both = [QuotaPools.Antigravity, QuotaPools.GeminiCli];

    public static readonly IReadOnlyList<ModelInfo> All =
    [
        new("claude-opus-4-6-thinking", "Claude Opus 4.6 (Thinking)", "claude", "claude", Ag, 200_000, 64_000, Thinking: true),
        new("claude-sonnet-4-6", "Claude Sonnet 4.6", "claude", "claude", Ag, 200_000, 64_000, Thinking: false),
        new("claude-sonnet-4-6-thinking", "Claude Sonnet 4.6 (Thinking)", "claude", "claude", Ag, 200_000, 64_000, Thinking: true),
        new("gemini-3-pro-low", "Gemini 3 Pro (Low)", "gemini", "gemini-pro", Ag, 1_048_576, 65_535, Thinking: true, Gemini3: true),
        new("gemini-3-pro-high", "Gemini 3 Pro (High)", "gemini", "gemini-pro", Ag, 1_048_576, 65_535, Thinking: true, Gemini3: true),
        new("gemini-3.1-pro-low", "Gemini 3.1 Pro (Low)", "gemini", "gemini-pro", Ag, 1_048_576, 65_535, Thinking: true, Gemini3: true),
        new("gemini-3.1-pro-high", "Gemini 3.1 Pro (High)", "gemini", "gemini-pro", Ag, 1_048_576, 65_535, Thinking: true, Gemini3: true),
        new("gemini-pro-agent", "Gemini Pro Agent", "gemini", "gemini-pro", Ag, 1_048_576, 65_536, Thinking: true, Gemini3: true),
        new("gemini-3-flash", "Gemini 3 Flash", "gemini", "gemini-flash", Ag, 1_048_576, 65_536, Thinking: true, Gemini3: true),
        new("gemini-2.5-flash", "Gemini 2.5 Flash", "gemini", "gemini-flash", Both, 1_048_576, 65_535, Thinking: true),
        new("gemini-2.5-flash-thinking", "Gemini 2.5 Flash (Thinking)", "gemini", "gemini-flash", Ag, 1_048_576, 65_535, Thinking: true),
        new("gemini-2.5-flash-lite", "Gemini 2.5 Flash Lite", "gemini", "gemini-flash", Ag, 1_048_576, 65_535, Thinking: true),
        new("gemini-2.5-pro", "Gemini 2.5 Pro", "gemini", "gemini-pro", Both, 1_048_576, 65_535, Thinking: true),
        new("gemini-3-pro-image", "Gemini 3 Pro Image", "gemini", "image-pro", Ag, 1_048_576, 32_768, Thinking: false, Image: true, Gemini3: true),
        new("gemini-3.1-flash-image", "Gemini 3.1 Flash Image", "gemini", "image-flash", Ag, 1_048_576, 32_768, Thinking: false, Image: true, Gemini3: true),
        new("gpt-oss-120b-medium", "GPT-OSS 120B (Medium)", "gpt-oss", "gpt-oss", Ag, 131_072, 32_768, Thinking: false),
        new("gemini-3-pro-preview", "Gemini 3 Pro Preview", "gemini", "gemini-3-pro-preview", Cli, 1_048_576, 65_535, Thinking: true, Gemini3: true),
        new("gemini-3-flash-preview", "Gemini 3 Flash Preview", "gemini", "gemini-3-flash-preview", Cli, 1_048_576, 65_535, Thinking: true, Gemini3: true),
        new("gemini-3.1-pro-preview", "Gemini 3.1 Pro Preview", "gemini", "gemini-3.1-pro-preview", Cli, 1_048_576, 65_535, Thinking: true, Gemini3: true),
        new("gemini-3.1-pro-preview-customtools", "Gemini 3.1 Pro Preview (Custom Tools)", "gemini", "gemini-3.1-pro-preview-customtools", Cli, 1_048_576, 65_535, Thinking: true, Gemini3: true),
    ];

    /// <summary>Legacy ids: listed in deprecatedModelIds, 404 unless redirect is on.</summary>
    public static readonly IReadOnlyDictionary<string, string> Deprecated = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["claude-opus-4-5-thinking"] = "claude-opus-4-6-thinking",
        ["claude-sonnet-4-5"] = "claude-sonnet-4-6",
        ["claude-sonnet-4-5-thinking"] = "claude-sonnet-4-6-thinking",
    };

    private static readonly Dictionary<string, ModelInfo> ById = All.ToDictionary(m => m.Id, StringComparer.Ordinal);

    public static ModelInfo? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>In the gemini-cli pool, each model is its own bucket; in antigravity, the table's bucket.</summary>
    public static string BucketFor(ModelInfo model, string pool) =>
        pool == QuotaPools.GeminiCli ? model.Id : model.Bucket;

    /// <summary>Step 4: unknown, deprecated, denied or wrong-pool models get 404. Sets <see cref="CloudCodeCall.Model"/>.</summary>
    public static EmulatorReply? Resolve(CloudCodeCall call)
    {
        var id = call.ModelId;
        if (id is null)
        {
            return GoogleErrors.InvalidArgument("Request contains an invalid argument.");
        }

        if (Deprecated.TryGetValue(id, out var replacement) && call.Config.DeprecatedRedirect)
        {
            id = replacement;
        }

        var model = Find(id);
        if (!call.Config.Validate.Models)
        {
            call.Model = model ?? Find("gemini-2.5-flash");
            return null;
        }

        bool denied;
        lock (call.State.Gate)
        {
            denied = call.Account?.DeniedModels.Contains(id, StringComparer.Ordinal) == true;
        }

        if (model is null || denied || !model.Pools.Contains(call.Pool))
        {
            call.Entry.Outcome = "model-not-found";
            return GoogleErrors.NotFound();
        }

        call.Model = model;
        return null;
    }
}
