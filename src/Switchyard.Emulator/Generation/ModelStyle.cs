using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Generation;

/// <summary>How a model family shapes its parts (spec §4.2).</summary>
/// <param name="ClaudeThinking">
/// A <c>-thinking</c> Claude id, or Claude asked for thoughts, a budget or a level: whenever validation
/// treats the request as thinking, the reply carries a signed thinking block the next request can send back.
/// </param>
/// <param name="GeminiThoughts">A Gemini model asked to include thoughts (either case style).</param>
/// <param name="Image">An image model: inlineData parts and no thinking.</param>
internal sealed record ModelStyle(string ModelId, bool Claude, bool ClaudeThinking, bool Gemini, bool GeminiThoughts, bool Image)
{
    public static ModelStyle For(CloudCodeCall call, JsonObject request)
    {
        var id = call.Model?.Id ?? call.ModelId ?? "unknown";
        var family = call.Model?.Family
            ?? (id.StartsWith("claude", StringComparison.OrdinalIgnoreCase) ? "claude"
                : id.StartsWith("gpt", StringComparison.OrdinalIgnoreCase) ? "gpt-oss" : "gemini");
        var image = call.Model?.Image ?? id.Contains("-image", StringComparison.OrdinalIgnoreCase);
        var includeThoughts = IncludeThoughts(request);
        var claude = family == "claude";
        var gemini = family == "gemini";
        return new ModelStyle(
            id,
            claude,
            claude && (id.EndsWith("-thinking", StringComparison.Ordinal)
                || Validation.Conversation.ThinkingEnabled(Validation.Conversation.ThinkingConfig(request))),
            gemini,
            gemini && !image && includeThoughts,
            image);
    }

    /// <summary><c>generationConfig.thinkingConfig.includeThoughts</c>, in camelCase or snake_case.</summary>
    public static bool IncludeThoughts(JsonObject request)
    {
        var generation = Field(request, "generationConfig", "generation_config");
        var thinking = generation is null ? null : Field(generation, "thinkingConfig", "thinking_config");
        var include = thinking?["includeThoughts"] ?? thinking?["include_thoughts"];
        return include is JsonValue v && v.TryGetValue<bool>(out var b) && b;
    }

    /// <summary><c>generationConfig.maxOutputTokens</c>, in camelCase or snake_case.</summary>
    public static int? MaxOutputTokens(JsonObject request)
    {
        var generation = Field(request, "generationConfig", "generation_config");
        var max = generation?["maxOutputTokens"] ?? generation?["max_output_tokens"];
        return max is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
    }

    private static JsonObject? Field(JsonObject o, string camel, string snake) => (o[camel] ?? o[snake]) as JsonObject;
}
