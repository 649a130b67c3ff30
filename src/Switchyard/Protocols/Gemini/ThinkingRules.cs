using Switchyard.Models;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Gemini;

/// <summary>What a client asked of thinking, in whichever dialect: a level (effort), a budget, or neither.</summary>
/// <param name="Level">minimal, low, medium or high.</param>
/// <param name="Budget">Tokens; 0 turns thinking off, -1 asks for the model's dynamic default.</param>
/// <param name="IncludeThoughts">Whether the client wants thought text back.</param>
internal sealed record ThinkingAsk(string? Level = null, int? Budget = null, bool? IncludeThoughts = null)
{
    public static readonly ThinkingAsk None = new();

    public bool Asked => Level is not null || Budget is not null || IncludeThoughts is not null;
}

/// <summary>
/// The upstream's <c>thinkingConfig</c> per model family (upstream-protocol §3.1). These are the upstream's own
/// (Gemini-dialect) rules, shared by the OpenAI and Gemini front doors.
/// <list type="bullet">
/// <item>Claude thinking routes take a budget. Level → budget: minimal 1024, low 8192, medium 16384,
/// high 32768. With nothing asked, the route's level or else medium. A budget of 0 turns thinking off; -1
/// means medium; budgets below 1024 are raised to 1024 (the upstream's minimum). <c>maxOutputTokens</c> must
/// exceed the budget: unset → the route's limit; at or below the budget → budget + the client's value, capped
/// at the route's limit.</item>
/// <item>Gemini 3 takes a level. A budget maps to a level (≤ 0 minimal, ≤ 8192 low, ≤ 16384 medium, else
/// high); Pro models know only low and high (minimal/low → low, medium/high → high).</item>
/// <item>Gemini 2.5 takes a budget. Level → budget: minimal 1024, low 8192, medium 16384, high 24576.</item>
/// <item>Non-thinking routes, image models and GPT-OSS get no thinkingConfig.</item>
/// </list>
/// Gemini routes get a thinkingConfig only when the client asked for one (or the route carries a level):
/// otherwise the upstream's default applies.
/// </summary>
internal static class ThinkingRules
{
    /// <summary>The signature both reference clients send when they hold no real one; the upstream accepts it.</summary>
    public const string SkipSignatureSentinel = "skip_thought_signature_validator";

    public const int ClaudeMinimumBudget = 1024;
    public const int ClaudeDefaultBudget = 16_384;

    public static int ClaudeBudget(string level) => level switch
    {
        "minimal" => 1024,
        "low" => 8192,
        "high" => 32_768,
        _ => ClaudeDefaultBudget,
    };

    public static int Gemini25Budget(string level) => level switch
    {
        "minimal" => 1024,
        "low" => 8192,
        "high" => 24_576,
        _ => 16_384,
    };

    public static string LevelForBudget(int budget) => budget switch
    {
        <= 0 => "minimal",
        <= 8192 => "low",
        <= 16_384 => "medium",
        _ => "high",
    };

    public static bool IsPro(ModelRoute route) =>
        route.Group == "gemini-pro" || route.UpstreamModel.Contains("-pro", StringComparison.Ordinal);

    /// <summary>Whether the route thinks at all (and so may carry a thinkingConfig).</summary>
    public static bool CanThink(ModelRoute route) =>
        route.Thinking && !route.ImageGeneration && route.Family != ModelFamily.GptOss;

    /// <summary>The thinkingConfig and maxOutputTokens to send for what the client asked.</summary>
    public static (ThinkingConfig? Config, int? MaxOutputTokens) Plan(ModelRoute route, ThinkingAsk ask, int? maxOutputTokens)
    {
        if (!CanThink(route))
        {
            return (null, maxOutputTokens);
        }

        if (route.Family == ModelFamily.Claude)
        {
            return PlanClaude(route, ask, maxOutputTokens);
        }

        if (route.Gemini3)
        {
            var level = ask.Level ?? (ask.Budget is >= 0 and var b ? LevelForBudget(b) : null) ?? route.ThinkingLevel;
            if (level is null && !ask.Asked)
            {
                return (null, maxOutputTokens);
            }

            if (level is not null && IsPro(route))
            {
                level = level is "minimal" or "low" ? "low" : "high";
            }

            return (new ThinkingConfig { IncludeThoughts = ask.IncludeThoughts ?? true, ThinkingLevel = level }, maxOutputTokens);
        }

        var budget = ask.Budget ?? (ask.Level ?? route.ThinkingLevel) switch
        {
            null => (int?)null,
            var l => Gemini25Budget(l),
        };
        if (budget is null && !ask.Asked)
        {
            return (null, maxOutputTokens);
        }

        return (new ThinkingConfig { IncludeThoughts = ask.IncludeThoughts ?? budget != 0, ThinkingBudget = budget }, maxOutputTokens);
    }

    private static (ThinkingConfig? Config, int? MaxOutputTokens) PlanClaude(ModelRoute route, ThinkingAsk ask, int? maxOutputTokens)
    {
        int budget;
        if (ask.Budget is 0)
        {
            return (null, maxOutputTokens);
        }
        else if (ask.Budget is > 0 and var asked)
        {
            budget = Math.Max(asked, ClaudeMinimumBudget);
        }
        else
        {
            budget = ClaudeBudget(ask.Level ?? route.ThinkingLevel ?? "medium");
        }

        var limit = route.MaxOutputTokens;
        budget = Math.Min(budget, Math.Max(ClaudeMinimumBudget, limit - 1024));
        var max = maxOutputTokens switch
        {
            null => limit,
            var m when m > budget => m,
            var m => Math.Min(limit, budget + m.Value),
        };

        return (new ThinkingConfig { IncludeThoughts = true, ThinkingBudget = budget }, max);
    }
}
