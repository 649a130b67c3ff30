using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Switchyard.Models;

/// <summary>One compiled user rule, its target already resolved through the built-ins.</summary>
/// <param name="Index">Position in <c>Models:Mappings</c> (0-based).</param>
internal sealed record ModelRule(int Index, string From, string Pattern, BuiltInMatch Target, Regex? Regex);

/// <summary>
/// <see cref="ModelOptions.Mappings"/> compiled once per options instance: exact rules in a frozen dictionary,
/// then wildcards, then regexes (see <see cref="ModelOptions"/> for the order). Immutable and thread-safe.
/// Rules that would fail validation are skipped, so a bad reload can never break resolution.
/// </summary>
internal sealed class ModelRuleSet
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private readonly FrozenDictionary<string, ModelRule> _exact;
    private readonly ModelRule[] _wildcards;
    private readonly ModelRule[] _regexes;

    private ModelRuleSet(IReadOnlyList<ModelRule> exact, ModelRule[] wildcards, ModelRule[] regexes)
    {
        ExactRules = exact;
        var byName = new Dictionary<string, ModelRule>(StringComparer.Ordinal);
        foreach (var rule in exact)
        {
            byName.TryAdd(rule.Pattern, rule);
        }

        _exact = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _wildcards = wildcards;
        _regexes = regexes;
    }

    /// <summary>A few upstream ids, for error messages.</summary>
    public static string KnownExamples { get; } = string.Join(", ",
        "claude-opus-4-6-thinking", "claude-sonnet-4-6", "gemini-pro-agent", "gemini-3.8-flash-high", "gemini-3-flash", "gpt-oss-120b-medium");

    /// <summary>The exact rules in configuration order (for the model list).</summary>
    public IReadOnlyList<ModelRule> ExactRules { get; }

    public static bool IsRegex(string from)
    {
        var trimmed = from.AsSpan().Trim();
        return trimmed.Length >= 2 && trimmed[0] == '/' && trimmed[^1] == '/';
    }

    public static bool IsWildcard(string from) => from.AsSpan().IndexOfAny('*', '?') >= 0;

    public static bool TryCreateRegex(string from, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error)
    {
        var body = from.Trim()[1..^1];
        regex = null;
        if (body.Length == 0)
        {
            error = "the pattern is empty.";
            return false;
        }

        try
        {
            // Parse the pattern as written first, so an error's offset refers to the user's text.
            _ = new Regex(body, RegexOptions.CultureInvariant, RegexTimeout);
            regex = new Regex($"^(?:{body})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    public static ModelRuleSet Compile(ModelOptions options)
    {
        var exact = new List<ModelRule>();
        var wildcards = new List<ModelRule>();
        var regexes = new List<ModelRule>();
        for (var i = 0; i < options.Mappings.Count; i++)
        {
            var mapping = options.Mappings[i];
            if (mapping is null || string.IsNullOrWhiteSpace(mapping.From) || string.IsNullOrWhiteSpace(mapping.To)
                || !ModelAliases.TryResolve(ModelAliases.Normalize(mapping.To), out var target))
            {
                continue;
            }

            if (IsRegex(mapping.From))
            {
                if (TryCreateRegex(mapping.From, out var regex, out _))
                {
                    regexes.Add(new ModelRule(i, mapping.From, mapping.From.Trim(), target, regex));
                }
            }
            else
            {
                var pattern = ModelAliases.Normalize(mapping.From);
                (IsWildcard(pattern) ? wildcards : exact).Add(new ModelRule(i, mapping.From, pattern, target, null));
            }
        }

        return new ModelRuleSet(exact, [.. wildcards], [.. regexes]);
    }

    /// <summary>The first rule matching <paramref name="name"/> (already normalised), if any.</summary>
    public bool TryMatch(string name, [NotNullWhen(true)] out ModelRule? rule)
    {
        if (_exact.TryGetValue(name, out rule))
        {
            return true;
        }

        foreach (var wildcard in _wildcards)
        {
            if (GlobMatch(wildcard.Pattern, name))
            {
                rule = wildcard;
                return true;
            }
        }

        foreach (var candidate in _regexes)
        {
            try
            {
                if (candidate.Regex!.IsMatch(name))
                {
                    rule = candidate;
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological pattern counts as no match rather than failing the request.
            }
        }

        rule = null;
        return false;
    }

    /// <summary><c>*</c> matches any run of characters, <c>?</c> exactly one; the whole name must match.</summary>
    internal static bool GlobMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
