using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Gemini;

/// <summary>
/// The public Gemini API's <c>generateContent</c> body, as @google/genai and opencode's Google provider send it.
/// Contents reuse the upstream's own <see cref="Content"/>/<see cref="Part"/> records (the upstream speaks this
/// dialect); snake_case spellings are folded into camelCase before reading (<see cref="GeminiJsonNames"/>). The
/// model comes from the path (<c>models/{model}</c>), not the body.
/// </summary>
internal sealed record GenerateContentRequest
{
    public List<Content>? Contents { get; init; }
    public Content? SystemInstruction { get; init; }
    public List<GeminiTool>? Tools { get; init; }
    public ToolConfig? ToolConfig { get; init; }
    public GenerationConfig? GenerationConfig { get; init; }
    public List<SafetySetting>? SafetySettings { get; init; }
    public string? CachedContent { get; init; }

    /// <summary>Only inside a countTokens <c>generateContentRequest</c>; the path decides the route.</summary>
    public string? Model { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record GeminiTool
{
    public List<GeminiFunctionDeclaration>? FunctionDeclarations { get; init; }
    public JsonObject? GoogleSearch { get; init; }
    public JsonObject? GoogleSearchRetrieval { get; init; }
    public JsonObject? UrlContext { get; init; }
    public JsonObject? CodeExecution { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record GeminiFunctionDeclaration
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    /// <summary>An OpenAPI-style schema (the classic field).</summary>
    public JsonNode? Parameters { get; init; }

    /// <summary>A plain JSON schema (the newer field the SDK uses for JSON-schema tools).</summary>
    public JsonNode? ParametersJsonSchema { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>countTokens</c>: either <c>{contents}</c> or <c>{generateContentRequest:{model, contents, …}}</c>.</summary>
internal sealed record CountTokensRequest
{
    public List<Content>? Contents { get; init; }
    public GenerateContentRequest? GenerateContentRequest { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record GeminiCountTokensResponse(int TotalTokens);
