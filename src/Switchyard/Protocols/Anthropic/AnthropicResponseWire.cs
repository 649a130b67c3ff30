using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Anthropic;

// What the gateway sends back to Anthropic clients: the Message object and the stream events.

/// <summary>The non-streaming reply, and the <c>message</c> inside <c>message_start</c>.</summary>
internal sealed record MessagesResponse
{
    public required string Id { get; init; }
    public string Type { get; init; } = "message";
    public string Role { get; init; } = "assistant";
    public required string Model { get; init; }
    public List<ResponseBlock> Content { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopSequence { get; init; }

    public required AnthropicUsage Usage { get; init; }
}

/// <summary>
/// An output block: text (with citations after a web search), thinking (with signature), tool_use, server_tool_use
/// (id, name, input) or web_search_tool_result (tool_use_id, content: the results).
/// </summary>
internal sealed record ResponseBlock
{
    public required string Type { get; init; }
    public string? Text { get; init; }
    public List<JsonNode>? Citations { get; init; }
    public string? Thinking { get; init; }
    public string? Signature { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public JsonNode? Input { get; init; }
    public string? ToolUseId { get; init; }
    public JsonNode? Content { get; init; }
}

internal sealed record AnthropicUsage
{
    public int InputTokens { get; init; }
    public int OutputTokens { get; init; }
    public int? CacheReadInputTokens { get; init; }

    /// <summary><c>{web_search_requests}</c> after a web search.</summary>
    public AnthropicServerToolUsage? ServerToolUse { get; init; }
}

internal sealed record AnthropicServerToolUsage(int WebSearchRequests);

/// <summary>
/// One stream event, flattened: <c>type</c> plus the members that event uses (message_start: message;
/// content_block_start: index, content_block; content_block_delta: index, delta; content_block_stop:
/// index; message_delta: delta, usage; error: error).
/// </summary>
internal sealed record StreamEvent
{
    public required string Type { get; init; }
    public MessagesResponse? Message { get; init; }
    public int? Index { get; init; }
    public ResponseBlock? ContentBlock { get; init; }
    public StreamDelta? Delta { get; init; }
    public AnthropicUsage? Usage { get; init; }
    public AnthropicErrorDetail? Error { get; init; }
}

/// <summary>
/// A delta: text_delta (text), thinking_delta (thinking), signature_delta (signature),
/// input_json_delta (partial_json), citations_delta (citation).
/// </summary>
internal sealed record StreamDelta
{
    public string? Type { get; init; }
    public string? Text { get; init; }
    public string? Thinking { get; init; }
    public string? Signature { get; init; }
    public string? PartialJson { get; init; }
    public JsonNode? Citation { get; init; }
}

/// <summary>The message_delta body: stop_reason and stop_sequence are written even when null.</summary>
internal sealed record MessageDeltaBody
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopSequence { get; init; }
}

/// <summary>The message_delta event (its delta differs from a block delta: nulls are written).</summary>
internal sealed record MessageDeltaEvent
{
    public string Type { get; init; } = "message_delta";
    public required MessageDeltaBody Delta { get; init; }
    public required AnthropicUsage Usage { get; init; }
}

/// <summary><c>{type:"error", error:{type, message}}</c>: the HTTP error body and the stream error event.</summary>
internal sealed record AnthropicErrorBody
{
    public string Type { get; init; } = "error";
    public required AnthropicErrorDetail Error { get; init; }
}

internal sealed record AnthropicErrorDetail
{
    public required string Type { get; init; }
    public required string Message { get; init; }
}
