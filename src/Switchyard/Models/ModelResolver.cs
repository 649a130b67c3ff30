using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Switchyard.Models;

/// <summary>
/// Resolves a client's model name to a <see cref="ModelRoute"/>: user rules first (<see cref="ModelOptions"/>),
/// then the built-in names (<see cref="ModelAliases"/>), then pass-through or not found.
/// <para>Hot path: results are cached by the exact name the client sent, so a repeated name costs one
/// dictionary lookup and returns the same <see cref="ModelResolution"/> instance, with no regex run. The rules
/// and the cache belong to one options instance; a configuration change swaps both at once, so the next
/// request sees the new rules without a restart. A reload that fails validation never reaches this class
/// (the options monitor does not report it), so the last good rules stay in force.</para>
/// <para>Thread-safe; register as a singleton.</para>
/// </summary>
internal sealed class ModelResolver : IDisposable
{
    /// <summary>Most names cached per options instance; clients choose names, so the cache is bounded.</summary>
    internal const int CacheLimit = 1024;

    /// <summary>Longer names are resolved but not cached.</summary>
    internal const int MaxCachedNameLength = 200;

    private readonly IDisposable? _subscription;
    private volatile State _state;

    public ModelResolver(IOptionsMonitor<ModelOptions> options)
    {
        _state = new State(options.CurrentValue);
        _subscription = options.OnChange((value, name) =>
        {
            if (name is null || name == Options.DefaultName)
            {
                _state = new State(value);
            }
        });
    }

    /// <summary>The compiled rules now in force (one instance per options instance).</summary>
    internal ModelRuleSet Rules => _state.Rules;

    public ModelResolution Resolve(string requestedModel)
    {
        requestedModel ??= "";
        var state = _state;
        return state.Cache.TryGetValue(requestedModel, out var cached) ? cached : state.ResolveAndCache(requestedModel);
    }

    /// <summary>
    /// <paramref name="route"/> sent as <paramref name="upstreamId"/> instead (a retired id's successor): the successor's
    /// traits when it is a built-in id, the client's name, level and thinking request kept.
    /// </summary>
    public static ModelRoute Retarget(ModelRoute route, string upstreamId)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (!UpstreamModels.TryGet(upstreamId, out var m))
        {
            return route with { UpstreamModel = upstreamId };
        }

        return route with
        {
            UpstreamModel = m.Id,
            Family = m.Family,
            Group = m.Group,
            Thinking = m.Thinking || (route.Thinking && m.Family == route.Family),
            Gemini3 = m.Gemini3,
            ImageGeneration = m.ImageGeneration,
            MaxOutputTokens = m.MaxOutputTokens,
            Pool = m.Pool,
            Bucket = m.Bucket,
        };
    }

    public void Dispose() => _subscription?.Dispose();

    private static ModelResolution ResolveUncached(string requested, ModelRuleSet rules, bool allowUnknown)
    {
        var name = ModelAliases.Normalize(requested);
        if (name.Length == 0)
        {
            return ModelResolution.NotFound("The request names no model.");
        }

        if (rules.TryMatch(name, out var rule))
        {
            return ModelResolution.Matched(ToRoute(requested, rule.Target), ModelMatchKind.Rule, rule.Index);
        }

        if (ModelAliases.TryResolve(name, out var builtIn))
        {
            return ModelResolution.Matched(ToRoute(requested, builtIn), builtIn.Kind);
        }

        if (allowUnknown)
        {
            return ModelResolution.Matched(PassThrough(requested, name), ModelMatchKind.PassThrough);
        }

        var shown = requested.Length > MaxCachedNameLength ? requested[..MaxCachedNameLength] + "…" : requested;
        return ModelResolution.NotFound(
            $"The model '{shown}' is not known. Known models include {ModelRuleSet.KnownExamples}; "
            + "add a Models:Mappings rule or set Models:AllowUnknownModels to send it unchanged.");
    }

    private static ModelRoute ToRoute(string requested, BuiltInMatch match)
    {
        var m = match.Model;
        return new ModelRoute(requested, m.Id, m.Family, m.Group, match.Thinking ?? m.Thinking, m.Gemini3, m.ImageGeneration, m.MaxOutputTokens,
            match.ThinkingLevel, match.Pool, m.Bucket);
    }

    /// <summary>
    /// A name the built-ins do not know sent as is (the live catalogue serves it, or <c>Models:AllowUnknownModels</c> is on);
    /// family and group guessed from substrings.
    /// </summary>
    public static ModelRoute PassThrough(string requested) => PassThrough(requested, ModelAliases.Normalize(requested));

    /// <summary>An unknown name sent as is; family and group guessed from substrings, its own bucket.</summary>
    private static ModelRoute PassThrough(string requested, string name)
    {
        var family = name.Contains("claude", StringComparison.Ordinal) ? ModelFamily.Claude
            : name.StartsWith("gpt", StringComparison.Ordinal) ? ModelFamily.GptOss
            : ModelFamily.Gemini;
        var image = family == ModelFamily.Gemini && name.Contains("image", StringComparison.Ordinal);
        var group = family switch
        {
            ModelFamily.Claude => ModelGroups.Claude,
            ModelFamily.GptOss => ModelGroups.GptOss,
            _ when image => ModelGroups.Image,
            _ when name.Contains("flash", StringComparison.Ordinal) => ModelGroups.GeminiFlash,
            _ when name.Contains("pro", StringComparison.Ordinal) => ModelGroups.GeminiPro,
            _ => ModelGroups.GeminiFlash,
        };
        var gemini3 = name.StartsWith("gemini-3", StringComparison.Ordinal);
        var thinking = !image && (name.Contains("thinking", StringComparison.Ordinal)
            || gemini3 || name.StartsWith("gemini-2.5", StringComparison.Ordinal));
        var maxOutput = family switch
        {
            ModelFamily.Claude => 64_000,
            ModelFamily.GptOss => 32_768,
            _ => 65_535,
        };
        return new ModelRoute(requested, name, family, group, thinking, gemini3, image, maxOutput, null, ModelPool.Antigravity, name);
    }

    /// <summary>One options instance: its compiled rules and the results resolved under them.</summary>
    private sealed class State(ModelOptions options)
    {
        private int _count;

        public ModelRuleSet Rules { get; } = ModelRuleSet.Compile(options);

        public ConcurrentDictionary<string, ModelResolution> Cache { get; } = new(StringComparer.Ordinal);

        public ModelResolution ResolveAndCache(string requested)
        {
            var result = ResolveUncached(requested, Rules, options.AllowUnknownModels);
            if (requested.Length > MaxCachedNameLength || Volatile.Read(ref _count) >= CacheLimit)
            {
                return result;
            }

            if (Cache.TryAdd(requested, result))
            {
                Interlocked.Increment(ref _count);
                return result;
            }

            return Cache.TryGetValue(requested, out var winner) ? winner : result;
        }
    }
}
