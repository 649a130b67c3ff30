using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Generation;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// Output limit (maxOutputTokens within 1..<see cref="OutputLimits"/>) and prompt length (the emulator's token estimate
/// against the model's context). Claude gets Anthropic's texts double-wrapped, other models Google's.
/// </summary>
internal static class LengthRules
{
    public static ValidationRejection? MaxTokens(JsonObject request, ModelInfo model)
    {
        if (Conversation.MaxOutputTokens(request) is not { } max)
        {
            return null;
        }

        var limit = OutputLimits.For(model);
        if (model.IsClaude)
        {
            return max < 1 ? ValidationRejection.Claude("max-tokens", Rejections.MaxTokensTooSmallClaude)
                : max > limit ? ValidationRejection.Claude("max-tokens", Rejections.MaxTokensClaude(max, limit, model.Id))
                : null;
        }

        return max < 1 || max > limit
            ? ValidationRejection.Google("max-tokens", Rejections.BudgetGemini(max, limit + 1L))
            : null;
    }

    public static ValidationRejection? PromptLength(JsonObject request, ModelInfo model, EmulatorConfig config)
    {
        if (!Estimable(request))
        {
            // Only reachable with the envelope or structure checks off; the estimator expects objects.
            return null;
        }

        var tokens = TokenEstimator.Request(request);
        if (tokens <= model.ContextTokens)
        {
            return null;
        }

        return model.IsClaude
            ? ValidationRejection.Claude("prompt-too-long",
                Rejections.PromptTooLong(tokens, model.ContextTokens, capitalized: config.PromptTooLongStyle == "capitalized"))
            : ValidationRejection.Google("prompt-too-long", Rejections.PromptTooLongGemini(tokens, model.ContextTokens));
    }

    /// <summary>Whether <see cref="TokenEstimator.Request"/> can walk the request: object system instruction and contents.</summary>
    private static bool Estimable(JsonObject request) =>
        request["systemInstruction"] is null or JsonObject
        && (request["contents"] is not JsonArray contents || contents.All(c => c is null or JsonObject));
}
