using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Upstream.Wire;

// Members the gateway reads from JSON are { get; set; }, not init: init-only (or required) members make the
// source-generated metadata bind through the parameterised-constructor converter, which buffers every member
// of every object before building it. `required` members stay where a missing field must stay a JSON error.

/// <summary>A generate response or one SSE event: <c>{response:{…}, traceId}</c> (upstream-protocol §4).</summary>
internal sealed record UpstreamResponseEnvelope
{
    public GenerateContentResponse? Response { get; set; }
    public string? TraceId { get; set; }

    /// <summary>Credits this answer spent (upstream-2026 §3.3), beside <c>response</c>; on the last event of a stream.</summary>
    public List<CreditEntry>? ConsumedCredits { get; set; }

    /// <summary>The balance left after this answer.</summary>
    public List<CreditEntry>? RemainingCredits { get; set; }
}

/// <summary><c>{creditType, creditAmount}</c>; the amount is an int64 written as a string.</summary>
internal sealed record CreditEntry
{
    public string? CreditType { get; set; }
    public JsonNode? CreditAmount { get; set; }

    /// <summary>The sum of the GOOGLE_ONE_AI amounts in <paramref name="amounts"/>, or null when none is readable.</summary>
    public static long? GoogleOneAi(List<CreditEntry>? amounts)
    {
        long? total = null;
        foreach (var amount in amounts ?? [])
        {
            if (amount.CreditType is "GOOGLE_ONE_AI" or null && CloudCodeClient.Amount(amount.CreditAmount) is { } value)
            {
                total = (total ?? 0) + value;
            }
        }

        return total;
    }
}

internal sealed record GenerateContentResponse
{
    public List<Candidate>? Candidates { get; set; }
    public UsageMetadata? UsageMetadata { get; set; }
    public string? ModelVersion { get; set; }
    public string? ResponseId { get; set; }
    public JsonNode? PromptFeedback { get; set; }

    /// <summary>Fields this model does not know, passed through as received.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record Candidate
{
    public Content? Content { get; set; }

    /// <summary>STOP, MAX_TOKENS, SAFETY, RECITATION, MALFORMED_FUNCTION_CALL, OTHER.</summary>
    public string? FinishReason { get; set; }
    public int? Index { get; set; }
    public JsonNode? GroundingMetadata { get; set; }
    public JsonNode? UrlContextMetadata { get; set; }

    /// <summary>Fields this model does not know, passed through as received.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record UsageMetadata
{
    public int? PromptTokenCount { get; set; }
    public int? CandidatesTokenCount { get; set; }
    public int? ThoughtsTokenCount { get; set; }
    public int? CachedContentTokenCount { get; set; }
    public int? TotalTokenCount { get; set; }

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
    public int TotalTokens { get; set; }
}
