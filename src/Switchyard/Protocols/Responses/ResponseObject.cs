using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// A <c>response</c> object: the non-streamed reply, and the <c>response</c> of the created, in_progress, completed,
/// incomplete and failed events. Fields the openai SDKs and Codex read are always written (null where unknown), as the
/// real API does.
/// </summary>
internal sealed record ResponseObject
{
    public required string Id { get; init; }
    public string Object { get; init; } = "response";
    public long CreatedAt { get; init; }

    /// <summary>in_progress, completed, incomplete or failed.</summary>
    public required string Status { get; init; }
    public bool Background { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResponseErrorInfo? Error { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResponseIncompleteDetails? IncompleteDetails { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Instructions { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? MaxOutputTokens { get; init; }

    public required string Model { get; init; }
    public required List<ResponseOutputItem> Output { get; init; }
    public bool ParallelToolCalls { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? PreviousResponseId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResponseReasoning? Reasoning { get; init; }
    public bool Store { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Temperature { get; init; }
    public required ResponseTextOptions Text { get; init; }
    public required JsonNode ToolChoice { get; init; }
    public required List<ResponseTool> Tools { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? TopP { get; init; }
    public string Truncation { get; init; } = "disabled";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResponseUsage? Usage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? User { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }
}

/// <summary><c>{code, message}</c> of a failed response.</summary>
internal sealed record ResponseErrorInfo(string Code, string Message);

/// <summary><c>{reason}</c>: max_output_tokens or content_filter.</summary>
internal sealed record ResponseIncompleteDetails(string Reason);

internal sealed record ResponseUsage
{
    public int InputTokens { get; init; }
    public required ResponseInputTokensDetails InputTokensDetails { get; init; }
    public int OutputTokens { get; init; }
    public required ResponseOutputTokensDetails OutputTokensDetails { get; init; }
    public int TotalTokens { get; init; }
}

internal sealed record ResponseInputTokensDetails(int CachedTokens);

internal sealed record ResponseOutputTokensDetails(int ReasoningTokens);

/// <summary>
/// One output item, flat; which members are set depends on <see cref="Type"/>: <c>message</c> (status, role, content),
/// <c>reasoning</c> (summary, encrypted_content), <c>function_call</c> (status, arguments, call_id, name, namespace),
/// <c>custom_tool_call</c> (status, call_id, name, input), <c>web_search_call</c> (status, action),
/// <c>image_generation_call</c> (status, result, output_format).
/// </summary>
internal sealed record ResponseOutputItem
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Status { get; init; }
    public string? Role { get; init; }
    public List<ResponseOutputContent>? Content { get; init; }
    public List<ResponseSummaryPart>? Summary { get; init; }
    public string? EncryptedContent { get; init; }
    public string? Arguments { get; init; }
    public string? CallId { get; init; }
    public string? Name { get; init; }
    public string? Namespace { get; init; }
    public string? Input { get; init; }
    public JsonObject? Action { get; init; }
    public string? Result { get; init; }
    public string? OutputFormat { get; init; }
}

/// <summary>
/// An <c>output_text</c> part with its annotations (url_citation) and an empty logprobs list; also a reasoning
/// <c>summary_text</c> part in the summary part events (no annotations, no logprobs).
/// </summary>
internal sealed record ResponseOutputContent
{
    public string Type { get; init; } = "output_text";
    public required string Text { get; init; }
    public List<ResponseAnnotation>? Annotations { get; init; }
    public List<JsonNode>? Logprobs { get; init; }

    public static ResponseOutputContent OutputText(string text, List<ResponseAnnotation>? annotations = null) =>
        new() { Text = text, Annotations = annotations ?? [], Logprobs = [] };

    public static ResponseOutputContent SummaryText(string text) => new() { Type = "summary_text", Text = text };
}

/// <summary><c>{type: url_citation, start_index, end_index, url, title}</c>; indices count Unicode code points of the text.</summary>
internal sealed record ResponseAnnotation
{
    public string Type { get; init; } = "url_citation";
    public int StartIndex { get; init; }
    public int EndIndex { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
}

/// <summary>
/// One streamed event, flat. Every event has <see cref="Type"/> and <see cref="SequenceNumber"/> (0, 1, 2… per
/// stream); the rest depends on the type (real-clients-codex-gemini-cli §2.7).
/// </summary>
internal sealed record ResponseStreamEvent
{
    public required string Type { get; init; }
    public int SequenceNumber { get; init; }
    public ResponseObject? Response { get; init; }
    public int? OutputIndex { get; init; }
    public string? ItemId { get; init; }
    public ResponseOutputItem? Item { get; init; }
    public int? ContentIndex { get; init; }
    public int? SummaryIndex { get; init; }
    public int? AnnotationIndex { get; init; }

    /// <summary>A content part (output_text) or summary part (summary_text).</summary>
    public ResponseOutputContent? Part { get; init; }
    public string? Delta { get; init; }
    public string? Text { get; init; }
    public string? Name { get; init; }
    public string? Arguments { get; init; }
    public string? Input { get; init; }
    public ResponseAnnotation? Annotation { get; init; }
    public List<JsonNode>? Logprobs { get; init; }

    /// <summary>Of an <c>error</c> event.</summary>
    public string? Code { get; init; }
    public string? Message { get; init; }
    public string? Param { get; init; }
}
