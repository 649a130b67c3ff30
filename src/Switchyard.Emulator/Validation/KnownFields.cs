using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// The fields the upstream knows at each path of a generate request (spec §3.1, plus the Gemini v1beta
/// proto fields real clients send: <c>parametersJsonSchema</c>, <c>responseJsonSchema</c>, penalties, seed,
/// GCLI's top-level <c>user_prompt_id</c>…), for strict unknown-field mode (on by default). A field maps to the shape of its value, or to null when its value is free-form (function args,
/// responses, schemas, which <see cref="SchemaRules"/> checks, and tolerated opaque objects).
/// </summary>
internal sealed class KnownFields
{
    private readonly Dictionary<string, KnownFields?> _fields;

    private KnownFields(Dictionary<string, KnownFields?> fields) => _fields = fields;

    private static KnownFields Of(params (string Name, KnownFields? Shape)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Shape, StringComparer.Ordinal));

    private static (string, KnownFields?) Leaf(string name) => (name, null);

    private static readonly KnownFields Part = Of(
        Leaf("text"), Leaf("thought"), Leaf("thoughtSignature"),
        ("functionCall", Of(Leaf("name"), Leaf("args"), Leaf("id"))),
        ("functionResponse", Of(Leaf("name"), Leaf("response"), Leaf("id"), Leaf("parts"), Leaf("willContinue"), Leaf("scheduling"))),
        ("inlineData", Of(Leaf("mimeType"), Leaf("data"), Leaf("displayName"))),
        ("fileData", Of(Leaf("mimeType"), Leaf("fileUri"), Leaf("displayName"))),
        ("executableCode", Of(Leaf("language"), Leaf("code"))),
        ("codeExecutionResult", Of(Leaf("outcome"), Leaf("output"))),
        Leaf("videoMetadata"), Leaf("mediaResolution"), Leaf("partMetadata"), Leaf("cacheControl"));

    private static readonly KnownFields Content = Of(Leaf("role"), ("parts", Part));

    private static readonly KnownFields Tool = Of(
        ("functionDeclarations", Of(
            Leaf("name"), Leaf("description"), Leaf("parameters"), Leaf("parametersJsonSchema"), Leaf("response"),
            Leaf("responseJsonSchema"), Leaf("behavior"))),
        Leaf("googleSearch"), Leaf("googleSearchRetrieval"), Leaf("urlContext"), Leaf("codeExecution"));

    private static readonly KnownFields ToolConfig = Of(
        ("functionCallingConfig", Of(Leaf("mode"), Leaf("allowedFunctionNames"))),
        Leaf("retrievalConfig"), Leaf("includeServerSideToolInvocations"));

    private static readonly KnownFields GenerationConfig = Of(
        Leaf("maxOutputTokens"), Leaf("temperature"), Leaf("topP"), Leaf("topK"), Leaf("stopSequences"),
        Leaf("candidateCount"), Leaf("responseMimeType"), Leaf("responseModalities"), Leaf("responseSchema"),
        Leaf("responseJsonSchema"), Leaf("seed"), Leaf("presencePenalty"), Leaf("frequencyPenalty"),
        Leaf("responseLogprobs"), Leaf("logprobs"), Leaf("mediaResolution"), Leaf("speechConfig"),
        Leaf("enableEnhancedCivicAnswers"),
        ("imageConfig", Of(Leaf("aspectRatio"), Leaf("imageSize"))),
        ("thinkingConfig", Of(Leaf("includeThoughts"), Leaf("thinkingBudget"), Leaf("thinkingLevel"))));

    private static readonly KnownFields Request = Of(
        ("contents", Content), ("systemInstruction", Content), ("tools", Tool), ("toolConfig", ToolConfig),
        ("generationConfig", GenerationConfig), ("safetySettings", Of(Leaf("category"), Leaf("threshold"))),
        Leaf("sessionId"), Leaf("model"), Leaf("cachedContent"), Leaf("cacheControl"));

    /// <summary>The generate / stream envelope.</summary>
    public static readonly KnownFields Generate = Of(
        Leaf("project"), Leaf("model"), ("request", Request), Leaf("requestType"), Leaf("userAgent"),
        Leaf("requestId"), Leaf("enabledCreditTypes"), Leaf("userPromptId"));

    /// <summary>The countTokens envelope (spec §3.2): only <c>request</c>, holding contents, systemInstruction, tools, model.</summary>
    public static readonly KnownFields CountTokens = Of(
        ("request", Of(("contents", Content), ("systemInstruction", Content), ("tools", Tool), Leaf("model"))));

    /// <summary>The first field not known at its path, depth first in document order.</summary>
    public (string Name, string Path)? FindUnknown(JsonObject obj, string path)
    {
        foreach (var (key, value) in obj)
        {
            if (!TryGet(key, out var shape))
            {
                return (key, path);
            }

            if (shape is null)
            {
                continue;
            }

            var childPath = RequestPath.Child(path, key);
            switch (value)
            {
                case JsonObject child when shape.FindUnknown(child, childPath) is { } found:
                    return found;
                case JsonArray items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is JsonObject item && shape.FindUnknown(item, RequestPath.Index(childPath, i)) is { } hit)
                        {
                            return hit;
                        }
                    }

                    break;
            }
        }

        return null;
    }

    private bool TryGet(string key, out KnownFields? shape) =>
        _fields.TryGetValue(key, out shape) || _fields.TryGetValue(RequestJson.Camel(key), out shape);
}
