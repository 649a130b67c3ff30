using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Upstream.Wire;

/// <summary>A generate response or one SSE event: <c>{response:{…}, traceId}</c> (upstream-protocol §4).</summary>
internal sealed record UpstreamResponseEnvelope
{
    public GenerateContentResponse? Response { get; init; }
    public string? TraceId { get; init; }
}

internal sealed record GenerateContentResponse
{
    public List<Candidate>? Candidates { get; init; }
    public UsageMetadata? UsageMetadata { get; init; }
    public string? ModelVersion { get; init; }
    public string? ResponseId { get; init; }
    public JsonNode? PromptFeedback { get; init; }

    /// <summary>Fields this model does not know, passed through as received.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record Candidate
{
    public Content? Content { get; init; }

    /// <summary>STOP, MAX_TOKENS, SAFETY, RECITATION, MALFORMED_FUNCTION_CALL, OTHER.</summary>
    public string? FinishReason { get; init; }
    public int? Index { get; init; }
    public JsonNode? GroundingMetadata { get; init; }
    public JsonNode? UrlContextMetadata { get; init; }

    /// <summary>Fields this model does not know, passed through as received.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record UsageMetadata
{
    public int? PromptTokenCount { get; init; }
    public int? CandidatesTokenCount { get; init; }
    public int? ThoughtsTokenCount { get; init; }
    public int? CachedContentTokenCount { get; init; }
    public int? TotalTokenCount { get; init; }

    /// <summary>Fields this model does not know, passed through as received.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>countTokens: request <c>{request:{contents,…}}</c>, response <c>{totalTokens}</c>.</summary>
internal sealed record CountTokensEnvelope
{
    public required UpstreamRequest Request { get; init; }
}

internal sealed record CountTokensResponse
{
    public int TotalTokens { get; init; }
}
