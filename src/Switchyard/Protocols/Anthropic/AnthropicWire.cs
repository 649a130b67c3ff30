using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Anthropic;

// The Anthropic Messages request as clients send it (real-clients §2, §6). Every record keeps
// [JsonExtensionData] so fields this model does not name (betas, per-message output_config…) are
// accepted and ignored, never rejected.

/// <summary><c>POST /v1/messages</c> (and <c>count_tokens</c>, which sends a subset).</summary>
internal sealed record MessagesRequest
{
    public string? Model { get; init; }
    public List<AnthropicMessage>? Messages { get; init; }

    /// <summary>A string or text blocks; a string arrives as one text block.</summary>
    [JsonConverter(typeof(AnthropicContentConverter))]
    public List<ContentBlock>? System { get; init; }

    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public List<string>? StopSequences { get; init; }
    public bool? Stream { get; init; }
    public List<AnthropicTool>? Tools { get; init; }
    public AnthropicToolChoice? ToolChoice { get; init; }
    public AnthropicThinkingConfig? Thinking { get; init; }
    public AnthropicOutputConfig? OutputConfig { get; init; }
    public AnthropicMetadata? Metadata { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One entry of <c>messages</c>: role <c>user</c>, <c>assistant</c> or <c>system</c>.</summary>
internal sealed record AnthropicMessage
{
    public string? Role { get; init; }

    /// <summary>A string or content blocks; a string arrives as one text block.</summary>
    [JsonConverter(typeof(AnthropicContentConverter))]
    public List<ContentBlock>? Content { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// Any content block, flattened: which members are set depends on <see cref="Type"/> (text, image,
/// document, tool_use, tool_result, thinking, redacted_thinking).
/// </summary>
internal sealed record ContentBlock
{
    public string? Type { get; init; }
    public string? Text { get; init; }

    /// <summary>image and document.</summary>
    public ContentSource? Source { get; init; }

    /// <summary>tool_use.</summary>
    public string? Id { get; init; }

    /// <summary>tool_use.</summary>
    public string? Name { get; init; }

    /// <summary>tool_use arguments.</summary>
    public JsonNode? Input { get; init; }

    /// <summary>tool_result.</summary>
    public string? ToolUseId { get; init; }

    /// <summary>tool_result: a string or blocks.</summary>
    [JsonConverter(typeof(AnthropicContentConverter))]
    public List<ContentBlock>? Content { get; init; }

    /// <summary>tool_result.</summary>
    public bool? IsError { get; init; }

    /// <summary>thinking.</summary>
    public string? Thinking { get; init; }

    /// <summary>thinking.</summary>
    public string? Signature { get; init; }

    /// <summary>redacted_thinking.</summary>
    public string? Data { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An image or document source: base64 (<c>media_type</c>, <c>data</c>), url or text.</summary>
internal sealed record ContentSource
{
    public string? Type { get; init; }
    public string? MediaType { get; init; }
    public string? Data { get; init; }
    public string? Url { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A client tool. Server tools carry a <c>type</c> such as <c>web_search_20250305</c>.</summary>
internal sealed record AnthropicTool
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonNode? InputSchema { get; init; }
    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>{type: auto|any|tool|none, name?}</c>.</summary>
internal sealed record AnthropicToolChoice
{
    public string? Type { get; init; }
    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>{type: enabled|disabled|adaptive, budget_tokens?}</c>.</summary>
internal sealed record AnthropicThinkingConfig
{
    public string? Type { get; init; }
    public int? BudgetTokens { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>{effort: low|medium|high|max}</c>.</summary>
internal sealed record AnthropicOutputConfig
{
    public string? Effort { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>user_id</c> is a plain id or, from Claude Code, a JSON-encoded object in a string.</summary>
internal sealed record AnthropicMetadata
{
    public string? UserId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
