using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Anthropic;

// The Anthropic Messages request as clients send it (real-clients §2, §6). Every record keeps
// [JsonExtensionData] so fields this model does not name (betas, per-message output_config…) are
// accepted and ignored, never rejected. Members are { get; set; }, not init: init-only members make the
// source-generated metadata bind through the parameterised-constructor converter (slower, more allocation).

/// <summary><c>POST /v1/messages</c> (and <c>count_tokens</c>, which sends a subset).</summary>
internal sealed record MessagesRequest
{
    public string? Model { get; set; }
    public List<AnthropicMessage>? Messages { get; set; }

    /// <summary>A string or text blocks; a string arrives as one text block.</summary>
    [JsonConverter(typeof(AnthropicContentConverter))]
    public List<ContentBlock>? System { get; set; }

    public int? MaxTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? TopK { get; set; }
    public List<string>? StopSequences { get; set; }
    public bool? Stream { get; set; }
    public List<AnthropicTool>? Tools { get; set; }
    public AnthropicToolChoice? ToolChoice { get; set; }
    public AnthropicThinkingConfig? Thinking { get; set; }
    public AnthropicOutputConfig? OutputConfig { get; set; }
    public AnthropicMetadata? Metadata { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One entry of <c>messages</c>: role <c>user</c>, <c>assistant</c> or <c>system</c>.</summary>
internal sealed record AnthropicMessage
{
    public string? Role { get; set; }

    /// <summary>A string or content blocks; a string arrives as one text block.</summary>
    [JsonConverter(typeof(AnthropicContentConverter))]
    public List<ContentBlock>? Content { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// Any content block, flattened: which members are set depends on <see cref="Type"/> (text, image,
/// document, tool_use, tool_result, thinking, redacted_thinking).
/// </summary>
internal sealed record ContentBlock
{
    public string? Type { get; set; }
    public string? Text { get; set; }

    /// <summary>image and document.</summary>
    public ContentSource? Source { get; set; }

    /// <summary>tool_use.</summary>
    public string? Id { get; set; }

    /// <summary>tool_use.</summary>
    public string? Name { get; set; }

    /// <summary>tool_use arguments.</summary>
    public JsonNode? Input { get; set; }

    /// <summary>tool_result.</summary>
    public string? ToolUseId { get; set; }

    /// <summary>tool_result: a string or blocks.</summary>
    [JsonConverter(typeof(AnthropicContentConverter))]
    public List<ContentBlock>? Content { get; set; }

    /// <summary>tool_result.</summary>
    public bool? IsError { get; set; }

    /// <summary>thinking.</summary>
    public string? Thinking { get; set; }

    /// <summary>thinking.</summary>
    public string? Signature { get; set; }

    /// <summary>redacted_thinking.</summary>
    public string? Data { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An image or document source: base64 (<c>media_type</c>, <c>data</c>), url or text.</summary>
internal sealed record ContentSource
{
    public string? Type { get; set; }
    public string? MediaType { get; set; }
    public string? Data { get; set; }
    public string? Url { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A client tool. Server tools carry a <c>type</c> such as <c>web_search_20250305</c>.</summary>
internal sealed record AnthropicTool
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public JsonNode? InputSchema { get; set; }
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>{type: auto|any|tool|none, name?}</c>.</summary>
internal sealed record AnthropicToolChoice
{
    public string? Type { get; set; }
    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>{type: enabled|disabled|adaptive, budget_tokens?}</c>.</summary>
internal sealed record AnthropicThinkingConfig
{
    public string? Type { get; set; }
    public int? BudgetTokens { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>{effort: low|medium|high|max}</c>.</summary>
internal sealed record AnthropicOutputConfig
{
    public string? Effort { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>user_id</c> is a plain id or, from Claude Code, a JSON-encoded object in a string.</summary>
internal sealed record AnthropicMetadata
{
    public string? UserId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
