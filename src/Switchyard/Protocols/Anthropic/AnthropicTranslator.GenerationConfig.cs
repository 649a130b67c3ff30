using Switchyard.Models;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Anthropic;

/// <summary>
/// generationConfig and the thinking decision.
/// <para>Thinking is on when the client asks for it (<c>thinking.type</c> enabled or adaptive) or, with no
/// <c>thinking</c> field, when the model name carried a level (<see cref="ModelRoute.ThinkingLevel"/>) or the route
/// is a Claude <c>-thinking</c> model (which thinks whatever the request says; budget from
/// <c>output_config.effort</c>, medium by default), and the route thinks. Budget: <c>budget_tokens</c> for enabled (at least 1024); the effort table in
/// <see cref="AnthropicThinking"/> for adaptive (effort from <c>output_config.effort</c>, default high).</para>
/// <para>Claude: <c>{includeThoughts, thinkingBudget}</c>, and maxOutputTokens (max_tokens capped at the
/// route's limit) is raised to budget + 8192 (capped) when it does not exceed the budget; if the route's
/// limit is still too small the budget shrinks. Gemini 3: <c>{includeThoughts, thinkingLevel}</c> (Pro:
/// low/high; Flash: minimal/low/medium/high). Other Gemini: <c>{includeThoughts, thinkingBudget}</c>.</para>
/// </summary>
internal static partial class AnthropicTranslator
{
    private const int BudgetHeadroom = 8192;

    /// <summary>Whether thinking is on, with its budget and, when the client named one, its effort level.</summary>
    private sealed record ThinkingPlan(bool Enabled, int Budget, string? Effort)
    {
        public static readonly ThinkingPlan Off = new(false, 0, null);
    }

    private static ThinkingPlan PlanThinking(MessagesRequest request, ModelRoute route)
    {
        if (!route.Thinking || route.ImageGeneration || route.Family == ModelFamily.GptOss)
        {
            return ThinkingPlan.Off;
        }

        var effort = request.OutputConfig?.Effort;
        return request.Thinking?.Type switch
        {
            "enabled" => new ThinkingPlan(
                true,
                Math.Max(request.Thinking.BudgetTokens ?? AnthropicThinking.BudgetForEffort(effort), AnthropicThinking.MinBudget),
                effort),
            "adaptive" => new ThinkingPlan(true, AnthropicThinking.BudgetForEffort(effort), effort ?? "high"),
            null when route.ThinkingLevel is { } level => new ThinkingPlan(true, AnthropicThinking.BudgetForEffort(level), level),

            // A Claude -thinking model thinks anyway: say so, with the effort asked for (medium by default).
            null when route.Family == ModelFamily.Claude => new ThinkingPlan(true, AnthropicThinking.BudgetForEffort(effort ?? "medium"), effort),
            _ => ThinkingPlan.Off,
        };
    }

    private static GenerationConfig GenerationConfig(MessagesRequest request, ModelRoute route, ThinkingPlan plan)
    {
        var maxOutput = Math.Min(request.MaxTokens ?? route.MaxOutputTokens, route.MaxOutputTokens);
        ThinkingConfig? thinking = null;
        if (plan.Enabled && route.Family == ModelFamily.Gemini && route.Gemini3)
        {
            thinking = new ThinkingConfig { IncludeThoughts = true, ThinkingLevel = Gemini3Level(plan, route) };
        }
        else if (plan.Enabled)
        {
            var budget = plan.Budget;
            if (maxOutput <= budget)
            {
                maxOutput = Math.Min(budget + BudgetHeadroom, route.MaxOutputTokens);
            }

            if (budget >= maxOutput)
            {
                budget = Math.Max(maxOutput - BudgetHeadroom, AnthropicThinking.MinBudget);
            }

            thinking = new ThinkingConfig { IncludeThoughts = true, ThinkingBudget = budget };
        }

        return new GenerationConfig
        {
            MaxOutputTokens = maxOutput,
            Temperature = request.Temperature,
            TopP = request.TopP,
            TopK = request.TopK,
            StopSequences = request.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
            ThinkingConfig = thinking,
            ResponseModalities = route.ImageGeneration ? ["TEXT", "IMAGE"] : null,
        };
    }

    private static string Gemini3Level(ThinkingPlan plan, ModelRoute route)
    {
        var level = (route.ThinkingLevel ?? plan.Effort)?.ToLowerInvariant() switch
        {
            "minimal" => "minimal",
            "low" => "low",
            "medium" => "medium",
            "high" or "max" => "high",
            _ => AnthropicThinking.LevelForBudget(plan.Budget),
        };
        var pro = route.UpstreamModel.Contains("pro", StringComparison.OrdinalIgnoreCase);
        return pro
            ? level is "minimal" or "low" ? "low" : "high"
            : level;
    }
}
