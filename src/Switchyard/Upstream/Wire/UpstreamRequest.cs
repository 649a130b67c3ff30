using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Upstream.Wire;

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
    public string? Role { get; init; }
    public List<Part> Parts { get; init; } = [];
}

/// <summary>One part; exactly one of text, functionCall, functionResponse, inlineData, fileData… is set.</summary>
internal sealed record Part
{
    public string? Text { get; init; }
    public bool? Thought { get; init; }
    public string? ThoughtSignature { get; init; }
    public FunctionCall? FunctionCall { get; init; }
    public FunctionResponse? FunctionResponse { get; init; }
    public Blob? InlineData { get; init; }
    public FileData? FileData { get; init; }
    public JsonNode? ExecutableCode { get; init; }
    public JsonNode? CodeExecutionResult { get; init; }

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
    public FunctionCallingConfig? FunctionCallingConfig { get; init; }
}

internal sealed record FunctionCallingConfig
{
    /// <summary>VALIDATED, AUTO, ANY or NONE.</summary>
    public string? Mode { get; init; }
    public List<string>? AllowedFunctionNames { get; init; }
}

internal sealed record GenerationConfig
{
    public int? MaxOutputTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public List<string>? StopSequences { get; init; }
    public int? CandidateCount { get; init; }
    public string? ResponseMimeType { get; init; }
    public JsonNode? ResponseSchema { get; init; }
    public List<string>? ResponseModalities { get; init; }
    public ImageConfig? ImageConfig { get; init; }
    public ThinkingConfig? ThinkingConfig { get; init; }
    public int? Seed { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }

    /// <summary>A plain JSON schema for the reply (the public API's <c>responseJsonSchema</c>).</summary>
    public JsonNode? ResponseJsonSchema { get; init; }

    /// <summary>Generation fields this model does not know, passed through as received.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ImageConfig
{
    public string? AspectRatio { get; init; }
    public string? ImageSize { get; init; }
}

internal sealed record ThinkingConfig
{
    public bool? IncludeThoughts { get; init; }
    public int? ThinkingBudget { get; init; }

    /// <summary>minimal, low, medium or high.</summary>
    public string? ThinkingLevel { get; init; }
}

internal sealed record SafetySetting
{
    public required string Category { get; init; }
    public required string Threshold { get; init; }
}
