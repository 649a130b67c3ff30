using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// Read-only views of <c>request.contents</c> for the Claude and Gemini rules. Runs after
/// <see cref="StructureRules"/>, but still tolerates any shape (nothing here throws).
/// </summary>
internal static class Conversation
{
    public static JsonArray Contents(JsonObject request) => RequestJson.Field(request, "contents") as JsonArray ?? [];

    public static string? Role(JsonNode? content) => RequestJson.String((content as JsonObject)?["role"]);

    public static bool IsModel(JsonNode? content) => Role(content) == "model";

    public static bool IsUser(JsonNode? content) => Role(content) == "user";

    /// <summary>The content's parts that are objects, with their indices.</summary>
    public static IEnumerable<(int Index, JsonObject Part)> Parts(JsonNode? content)
    {
        if (RequestJson.Field(content as JsonObject, "parts") is not JsonArray parts)
        {
            yield break;
        }

        for (var j = 0; j < parts.Count; j++)
        {
            if (parts[j] is JsonObject part)
            {
                yield return (j, part);
            }
        }
    }

    public static bool IsThought(JsonObject part) => RequestJson.IsTrue(part["thought"]);

    public static string? Text(JsonObject part) => RequestJson.String(part["text"]);

    public static string? Signature(JsonObject part) => RequestJson.String(RequestJson.Field(part, "thoughtSignature"));

    public static JsonObject? FunctionCall(JsonObject part) => RequestJson.Field(part, "functionCall") as JsonObject;

    public static JsonObject? FunctionResponse(JsonObject part) => RequestJson.Field(part, "functionResponse") as JsonObject;

    /// <summary>
    /// Index of the last user content with real text (a non-thought part with non-empty text), or -1.
    /// What follows it is the current tool loop: model turns and functionResponse-only user turns.
    /// </summary>
    public static int LastUserText(JsonArray contents)
    {
        for (var i = contents.Count - 1; i >= 0; i--)
        {
            if (IsUser(contents[i]) && Parts(contents[i]).Any(p => !IsThought(p.Part) && !string.IsNullOrEmpty(Text(p.Part))))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The final model turn of the current tool loop (the last model content after the last real user text), or -1.</summary>
    public static int FinalModelTurn(JsonArray contents)
    {
        var floor = LastUserText(contents);
        for (var i = contents.Count - 1; i > floor; i--)
        {
            if (IsModel(contents[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><c>generationConfig.thinkingConfig</c>, either spelling, when it is an object.</summary>
    public static JsonObject? ThinkingConfig(JsonObject request) =>
        RequestJson.Field(RequestJson.Field(request, "generationConfig") as JsonObject, "thinkingConfig") as JsonObject;

    public static long? MaxOutputTokens(JsonObject request) =>
        RequestJson.Long(RequestJson.Field(RequestJson.Field(request, "generationConfig") as JsonObject, "maxOutputTokens"));

    /// <summary>Thinking is on when thinkingConfig asks for thoughts, a budget or a level.</summary>
    public static bool ThinkingEnabled(JsonObject? thinking) =>
        thinking is not null
        && (RequestJson.IsTrue(RequestJson.Field(thinking, "includeThoughts"))
            || RequestJson.Field(thinking, "thinkingBudget") is not null
            || RequestJson.Field(thinking, "thinkingLevel") is not null);
}
