using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Upstream.Wire;

// Members the gateway reads from JSON are { get; set; }, not init: init-only (or required) members make the
// source-generated metadata bind through the parameterised-constructor converter, which buffers every member
// of every object before building it. `required` members stay where a missing field must stay a JSON error.

/// <summary>
/// The <c>v1internal</c> generate envelope (upstream-protocol §3.1). Every front door translates to this
/// model and nothing else (DESIGN decision 1).
/// </summary>
internal sealed record UpstreamEnvelope
{
    public string Project { get; init; } = "";
    public required string Model { get; init; }
    public required UpstreamRequest Request { get; init; }
    public string? RequestType { get; init; }
    public string? UserAgent { get; init; }
    public string? RequestId { get; init; }

    /// <summary>The Google One AI credits opt-in, <c>["GOOGLE_ONE_AI"]</c> (upstream-2026 §3.1); null when not spending credits.</summary>
    public List<string>? EnabledCreditTypes { get; init; }
}

/// <summary>The Gemini-style request inside the envelope.</summary>
internal sealed record UpstreamRequest
{
    public List<Content> Contents { get; init; } = [];
    public Content? SystemInstruction { get; init; }
    public List<Tool>? Tools { get; init; }
    public ToolConfig? ToolConfig { get; init; }
    public GenerationConfig? GenerationConfig { get; init; }
    public List<SafetySetting>? SafetySettings { get; init; }
    public string? SessionId { get; init; }
    public string? CachedContent { get; init; }
}

internal sealed record Content
{
    /// <summary><c>user</c> or <c>model</c>.</summary>
    public string? Role { get; set; }
    public List<Part> Parts { get; set; } = [];
}

/// <summary>One part; exactly one of text, functionCall, functionResponse, inlineData, fileData… is set.</summary>
internal sealed record Part
{
    public string? Text { get; set; }
    public bool? Thought { get; set; }
    public string? ThoughtSignature { get; set; }
    public FunctionCall? FunctionCall { get; set; }
    public FunctionResponse? FunctionResponse { get; set; }
    public Blob? InlineData { get; set; }
    public FileData? FileData { get; set; }
    public JsonNode? ExecutableCode { get; set; }
    public JsonNode? CodeExecutionResult { get; set; }

    /// <summary>Fields this model does not know, passed through as received.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record FunctionCall
{
    public required string Name { get; init; }
    public JsonNode? Args { get; init; }
    public string? Id { get; init; }
}

internal sealed record FunctionResponse
{
    public required string Name { get; init; }
    public JsonNode? Response { get; init; }
    public string? Id { get; init; }
}

internal sealed record Blob
{
    public required string MimeType { get; init; }

    /// <summary>Base64.</summary>
    public required string Data { get; init; }
}

internal sealed record FileData
{
    public string? MimeType { get; init; }
    public required string FileUri { get; init; }
}

internal sealed record Tool
{
    public List<FunctionDeclaration>? FunctionDeclarations { get; init; }
    public JsonObject? GoogleSearch { get; init; }
    public JsonObject? UrlContext { get; init; }
    public JsonObject? CodeExecution { get; init; }
}

internal sealed record FunctionDeclaration
{
    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>A JSON schema in the subset the upstream accepts (see the schema cleaner).</summary>
    public JsonNode? Parameters { get; init; }
}

internal sealed record ToolConfig
{
    public FunctionCallingConfig? FunctionCallingConfig { get; set; }
}

internal sealed record FunctionCallingConfig
{
    /// <summary>VALIDATED, AUTO, ANY or NONE.</summary>
    public string? Mode { get; set; }
    public List<string>? AllowedFunctionNames { get; set; }
}

internal sealed record GenerationConfig
{
    public int? MaxOutputTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? TopK { get; set; }
    public List<string>? StopSequences { get; set; }
    public int? CandidateCount { get; set; }
    public string? ResponseMimeType { get; set; }
    public JsonNode? ResponseSchema { get; set; }
    public List<string>? ResponseModalities { get; set; }
    public ImageConfig? ImageConfig { get; set; }
    public ThinkingConfig? ThinkingConfig { get; set; }
    public int? Seed { get; set; }
    public double? PresencePenalty { get; set; }
    public double? FrequencyPenalty { get; set; }

    /// <summary>A plain JSON schema for the reply (the public API's <c>responseJsonSchema</c>).</summary>
    public JsonNode? ResponseJsonSchema { get; set; }

    /// <summary>Generation fields this model does not know, passed through as received.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ImageConfig
{
    public string? AspectRatio { get; set; }
    public string? ImageSize { get; set; }
}

internal sealed record ThinkingConfig
{
    public bool? IncludeThoughts { get; set; }
    public int? ThinkingBudget { get; set; }

    /// <summary>minimal, low, medium or high.</summary>
    public string? ThinkingLevel { get; set; }
}

internal sealed record SafetySetting
{
    public required string Category { get; init; }
    public required string Threshold { get; init; }
}
