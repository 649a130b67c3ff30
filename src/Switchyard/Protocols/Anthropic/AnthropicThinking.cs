namespace Switchyard.Protocols.Anthropic;

/// <summary>
/// Thinking rules shared by both directions.
/// <para>Effort table (adaptive thinking and <c>output_config.effort</c> → budget tokens):
/// low 8192, medium 16384, high 32768, max 32768; adaptive without an effort means high (the
/// Anthropic default). Gemini 3 levels come from the same effort (budget ≤ 8192 low, ≤ 16384 medium,
/// else high).</para>
/// </summary>
internal static class AnthropicThinking
{
    /// <summary>Signatures shorter than this are not real upstream signatures.</summary>
    public const int MinSignatureLength = 50;

    /// <summary>The smallest budget the Claude upstream accepts.</summary>
    public const int MinBudget = 1024;

    /// <summary>Accepted by the upstream in place of a Gemini function-call signature.</summary>
    public const string SkipSignatureSentinel = "skip_thought_signature_validator";

    public static int BudgetForEffort(string? effort) => effort?.ToLowerInvariant() switch
    {
        "low" or "minimal" => 8192,
        "medium" => 16384,
        _ => 32768,
    };

    public static string LevelForBudget(int budget) => budget switch
    {
        <= 8192 => "low",
        <= 16384 => "medium",
        _ => "high",
    };

    public static bool IsRealSignature(string? signature) => Shared.ThinkingMemory.LooksReal(signature);

    /// <summary>The ThinkingMemory key for a thinking text (<see cref="Shared.ThinkingMemory.TextKey"/>).</summary>
    public static string TextKey(string text) => Shared.ThinkingMemory.TextKey(text);
}
