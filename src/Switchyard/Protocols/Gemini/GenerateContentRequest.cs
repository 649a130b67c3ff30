using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Gemini;

// Members the gateway reads from JSON are { get; set; }, not init: init-only (or required) members make the
// source-generated metadata bind through the parameterised-constructor converter, which buffers every member
// of every object before building it. `required` members stay where a missing field must stay a JSON error.

/// <summary>
/// The public Gemini API's <c>generateContent</c> body, as @google/genai and opencode's Google provider send it.
/// Contents reuse the upstream's own <see cref="Content"/>/<see cref="Part"/> records (the upstream speaks this
/// dialect); snake_case spellings are folded into camelCase before reading (<see cref="GeminiJsonNames"/>). The
/// model comes from the path (<c>models/{model}</c>), not the body.
/// </summary>
internal sealed record GenerateContentRequest
{
    public List<Content>? Contents { get; set; }
    public Content? SystemInstruction { get; set; }
    public List<GeminiTool>? Tools { get; set; }
    public ToolConfig? ToolConfig { get; set; }
    public GenerationConfig? GenerationConfig { get; set; }
    public List<SafetySetting>? SafetySettings { get; set; }
    public string? CachedContent { get; set; }

    /// <summary>Only inside a countTokens <c>generateContentRequest</c>; the path decides the route.</summary>
    public string? Model { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record GeminiTool
{
    public List<GeminiFunctionDeclaration>? FunctionDeclarations { get; set; }
    public JsonObject? GoogleSearch { get; set; }
    public JsonObject? GoogleSearchRetrieval { get; set; }
    public JsonObject? UrlContext { get; set; }
    public JsonObject? CodeExecution { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record GeminiFunctionDeclaration
{
    public string? Name { get; set; }
    public string? Description { get; set; }

    /// <summary>An OpenAPI-style schema (the classic field).</summary>
    public JsonNode? Parameters { get; set; }

    /// <summary>A plain JSON schema (the newer field the SDK uses for JSON-schema tools).</summary>
    public JsonNode? ParametersJsonSchema { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>countTokens</c>: either <c>{contents}</c> or <c>{generateContentRequest:{model, contents, …}}</c>.</summary>
internal sealed record CountTokensRequest
{
    public List<Content>? Contents { get; set; }
    public GenerateContentRequest? GenerateContentRequest { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record GeminiCountTokensResponse(int TotalTokens);
