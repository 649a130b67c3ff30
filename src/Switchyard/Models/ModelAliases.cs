namespace Switchyard.Models;

/// <summary>
/// A built-in resolution: the upstream model, the level the name carried, the pool, and whether the name asks for
/// thinking where the id alone does not say (Sonnet 4.6 has no <c>-thinking</c> id; null keeps the model's trait).
/// </summary>
internal readonly record struct BuiltInMatch(UpstreamModelInfo Model, ModelMatchKind Kind, string? ThinkingLevel, ModelPool Pool, bool? Thinking = null);

/// <summary>
/// The built-in names real clients send, resolved without configuration. Input is a name already passed
/// through <see cref="Normalize"/> (trimmed, lower case, no <c>models/</c> prefix).
/// <list type="table">
/// <item><term>upstream id</term><description>itself (<see cref="ModelMatchKind.Exact"/>); the pro tier ids carry their level.</description></item>
/// <item><term>retired id</term><description><c>claude-opus-4-5-thinking</c>, <c>claude-sonnet-4-5[-thinking]</c>,
/// <c>gemini-3-pro-high</c>… → its successor (<see cref="UpstreamModels.Replacements"/>).</description></item>
/// <item><term>prefixes</term><description><c>antigravity-</c> (forces the antigravity pool, so <c>-preview</c> is dropped) and
/// <c>gemini-claude-</c> (→ <c>claude-</c>) are stripped.</description></item>
/// <item><term>Claude</term><description>Any <c>claude…</c> name (or bare <c>opus</c>/<c>sonnet</c>/<c>haiku</c>), after dropping
/// trailing <c>-YYYYMMDD</c>, <c>-latest</c>, <c>-thinking</c> and a tier (<c>-minimal|-low|-medium|-high|-max</c>, kept as
/// the level): opus → <c>claude-opus-4-6-thinking</c>; sonnet → <c>claude-sonnet-4-6</c>, thinking (through
/// thinkingConfig) when the name says <c>-thinking</c>: 2026 has no <c>claude-sonnet-4-6-thinking</c>; haiku → the same
/// as sonnet (the upstream has no Haiku; Sonnet 4.6 is the cheapest Claude and shares the <c>3p</c> windows; remap it
/// with a rule to spend Gemini quota instead). The version number is ignored, so <c>claude-opus-5-5</c> and
/// <c>claude-3-opus</c> both reach Opus.</description></item>
/// <item><term>Gemini 3 Pro</term><description><c>gemini-3-pro</c>, <c>gemini-3.1-pro</c> → <c>gemini-3.1-pro-low</c>; a
/// <c>-minimal|-low</c> tier → <c>gemini-3.1-pro-low</c>, <c>-medium|-high</c> → <c>gemini-pro-agent</c> (3.1 Pro High;
/// Pro has only two levels).</description></item>
/// <item><term>Gemini 3 Flash</term><description><c>gemini-3-flash[-minimal|-low|-medium|-high]</c> → <c>gemini-3-flash</c>,
/// level carried; <c>gemini-3.6|3.7|3.8-flash</c> → its <c>-tiered</c> id, level carried.</description></item>
/// <item><term>preview</term><description>A <c>-preview</c> Gemini 3 name with a gemini-cli id
/// (<c>gemini-3-pro-preview</c>…) goes to that id in the gemini-cli pool; other preview names
/// (<c>gemini-2.5-flash-preview-05-20</c>) drop the suffix and its date.</description></item>
/// <item><term>Gemini 2.5</term><description><c>gemini-2.5-pro</c>, <c>gemini-2.5-flash</c> (gemini-cli pool only in 2026),
/// with an optional tier carried as the level.</description></item>
/// <item><term>image</term><description>Any Gemini/imagen name containing <c>image</c> → <c>gemini-3.1-flash-image</c>
/// (the only image model since February 2026; size/aspect suffixes are ignored).</description></item>
/// <item><term>gpt-oss</term><description><c>gpt-oss</c>, <c>gpt-oss-120b[-low|-medium|-high]</c>, <c>openai/gpt-oss-120b</c> → <c>gpt-oss-120b-medium</c>.</description></item>
/// </list>
/// </summary>
internal static class ModelAliases
{
    private const string ModelsPrefix = "models/";
    private const string AntigravityPrefix = "antigravity-";
    private const string GeminiClaudePrefix = "gemini-claude-";

    /// <summary>Trims, removes a <c>models/</c> prefix (Gemini paths) and lower-cases.</summary>
    public static string Normalize(string requested)
    {
        var name = requested.AsSpan().Trim();
        if (name.StartsWith(ModelsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            name = name[ModelsPrefix.Length..];
        }

        return name.ToString().ToLowerInvariant();
    }

    public static bool TryResolve(string name, out BuiltInMatch match)
    {
        match = default;
        var antigravity = false;
        var prefixed = false;
        if (name.StartsWith(AntigravityPrefix, StringComparison.Ordinal))
        {
            name = name[AntigravityPrefix.Length..];
            antigravity = prefixed = true;
        }

        if (name.StartsWith(GeminiClaudePrefix, StringComparison.Ordinal))
        {
            name = name["gemini-".Length..];
            prefixed = true;
        }

        if (name.Length == 0)
        {
            return false;
        }

        if (UpstreamModels.TryGet(name, out var exact) && !(antigravity && exact.Pool == ModelPool.GeminiCli))
        {
            match = new BuiltInMatch(exact, prefixed ? ModelMatchKind.Alias : ModelMatchKind.Exact, exact.ImpliedLevel, exact.Pool);
            return true;
        }

        if (UpstreamModels.Replacements.TryGetValue(name, out var replacement))
        {
            var model = UpstreamModels.Get(replacement.Id);
            match = new BuiltInMatch(model, ModelMatchKind.Legacy, model.ImpliedLevel, model.Pool, replacement.Thinking);
            return true;
        }

        if (name.StartsWith("claude", StringComparison.Ordinal) || name is "opus" or "sonnet" or "haiku")
        {
            return TryClaude(name, out match);
        }

        if (name is "gpt-oss" || name.StartsWith("gpt-oss-120b", StringComparison.Ordinal) || name.StartsWith("openai/gpt-oss-120b", StringComparison.Ordinal))
        {
            match = Alias("gpt-oss-120b-medium", null);
            return true;
        }

        if (name.StartsWith("gemini-", StringComparison.Ordinal) || name.StartsWith("imagen", StringComparison.Ordinal))
        {
            return TryGemini(name, antigravity, out match);
        }

        return false;
    }

    private static bool TryClaude(string name, out BuiltInMatch match)
    {
        match = default;
        string? level = null;
        var thinking = false;
        var rest = name;
        while (rest.LastIndexOf('-') is var dash and > 0)
        {
            var tail = rest.AsSpan(dash + 1);
            if (tail is "thinking")
            {
                thinking = true;
            }
            else if (IsTier(tail))
            {
                level ??= tail.ToString();
            }
            else if (tail is not "latest" && !IsDigits(tail, 8, 8))
            {
                break;
            }

            rest = rest[..dash];
        }

        if (HasSegment(rest, "opus"))
        {
            match = Alias("claude-opus-4-6-thinking", level);
            return true;
        }

        if (HasSegment(rest, "sonnet") || HasSegment(rest, "haiku"))
        {
            match = thinking ? Alias("claude-sonnet-4-6", level) with { Thinking = true } : Alias("claude-sonnet-4-6", null);
            return true;
        }

        return false;
    }

    private static bool TryGemini(string name, bool antigravity, out BuiltInMatch match)
    {
        match = default;
        if (name.Contains("image", StringComparison.Ordinal) || name.StartsWith("imagen", StringComparison.Ordinal))
        {
            match = Alias("gemini-3.1-flash-image", null);
            return true;
        }

        string? level = null;
        bool preview = false, customTools = false;
        var rest = name;
        while (rest.LastIndexOf('-') is var dash and > 0)
        {
            var tail = rest.AsSpan(dash + 1);
            if (tail is "preview")
            {
                preview = true;
            }
            else if (tail is "customtools" && !preview)
            {
                customTools = true;
            }
            else if (IsTier(tail) && tail is not "max")
            {
                level ??= tail.ToString();
            }
            else if (tail is not "latest" && !(!preview && IsDigits(tail, 2, 4)))
            {
                break;
            }

            rest = rest[..dash];
        }

        if (preview && !antigravity && level is null
            && UpstreamModels.TryGet(rest + (customTools ? "-preview-customtools" : "-preview"), out var cli))
        {
            match = new BuiltInMatch(cli, ModelMatchKind.Alias, null, ModelPool.GeminiCli);
            return true;
        }

        switch (rest)
        {
            case "gemini-3-pro" or "gemini-3.1-pro":
                var high = level is "medium" or "high";
                match = Alias(high ? "gemini-pro-agent" : "gemini-3.1-pro-low", level is null ? null : high ? "high" : "low");
                return true;
            case "gemini-3-flash":
                match = Alias(rest, level);
                return true;
            case "gemini-3.6-flash" or "gemini-3.7-flash" or "gemini-3.8-flash":
                match = Alias(rest + "-tiered", level);
                return true;
        }

        if (UpstreamModels.TryGet(rest, out var model) && (model.Pool == ModelPool.Antigravity || !antigravity) && !model.ImageGeneration)
        {
            match = new BuiltInMatch(model, ModelMatchKind.Alias, model.Thinking ? level ?? model.ImpliedLevel : null, model.Pool);
            return true;
        }

        return false;
    }

    private static BuiltInMatch Alias(string id, string? level)
    {
        var model = UpstreamModels.Get(id);
        return new BuiltInMatch(model, ModelMatchKind.Alias, level, model.Pool);
    }

    private static bool IsTier(ReadOnlySpan<char> s) => s is "minimal" or "low" or "medium" or "high" or "max";

    private static bool IsDigits(ReadOnlySpan<char> s, int min, int max) =>
        s.Length >= min && s.Length <= max && !s.ContainsAnyExceptInRange('0', '9');

    private static bool HasSegment(string name, string segment)
    {
        foreach (var range in name.AsSpan().Split('-'))
        {
            if (name.AsSpan()[range].SequenceEqual(segment))
            {
                return true;
            }
        }

        return false;
    }
}
