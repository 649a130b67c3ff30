using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// When the thinking rules apply. With <see cref="ValidationConfig.ThinkingByModelId"/> (the strict reading)
/// the model id decides whatever <c>thinkingConfig</c> says: a <c>-thinking</c> Claude id is always a
/// thinking request, and Gemini 3 (and, with <see cref="ValidationConfig.Gemini25Signatures"/>, Gemini 2.5
/// thinking models) need function-call signatures even with no thinkingConfig or a zero budget. Without it,
/// the rules apply only when thinkingConfig asks for thoughts, a budget or a level.
/// </summary>
internal static class ThinkingModes
{
    public static bool ClaudeThinking(ModelInfo model, JsonObject request, ValidationConfig validate) =>
        (validate.ThinkingByModelId && model.IsClaude && model.Id.EndsWith("-thinking", StringComparison.Ordinal))
        || Conversation.ThinkingEnabled(Conversation.ThinkingConfig(request));

    /// <summary>Whether each current-loop model turn must sign its first functionCall (Gemini models only).</summary>
    public static bool GeminiCallSignatures(ModelInfo model, JsonObject request, ValidationConfig validate)
    {
        var gemini3 = model.Gemini3 || model.Id.StartsWith("gemini-3", StringComparison.Ordinal);
        var gemini25 = model.Thinking && model.Id.StartsWith("gemini-2.5-", StringComparison.Ordinal);
        var ruleOn = (gemini3 && validate.Gemini3Signatures) || (gemini25 && validate.Gemini25Signatures);
        return ruleOn && (validate.ThinkingByModelId || Conversation.ThinkingEnabled(Conversation.ThinkingConfig(request)));
    }
}
