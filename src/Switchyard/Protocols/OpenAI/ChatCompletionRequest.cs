using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.OpenAI;

/// <summary>
/// <c>POST /v1/chat/completions</c> as real clients send it (real-clients §3–§5). Fields with several shapes
/// (<c>content</c>, <c>stop</c>, <c>tool_choice</c>, <c>arguments</c>) are kept as JSON and read by the
/// translator after validation. Unknown fields land in <see cref="Extra"/> and are ignored.
/// </summary>
internal sealed record ChatCompletionRequest
{
    public string? Model { get; init; }
    public List<ChatMessage>? Messages { get; init; }
    public List<ChatTool>? Tools { get; init; }

    /// <summary><c>auto</c>, <c>none</c>, <c>required</c> or <c>{type:function, function:{name}}</c>.</summary>
    public JsonNode? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }

    /// <summary>A string or an array of strings.</summary>
    public JsonNode? Stop { get; init; }
    public int? N { get; init; }
    public int? Seed { get; init; }

    /// <summary>minimal, low, medium or high.</summary>
    public string? ReasoningEffort { get; init; }
    public ResponseFormat? ResponseFormat { get; init; }
    public string? User { get; init; }
    public string? PromptCacheKey { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ChatMessage
{
    /// <summary>system, developer, user, assistant or tool.</summary>
    public string? Role { get; init; }

    /// <summary>A string, an array of parts, or null (assistant turns with tool calls).</summary>
    public JsonNode? Content { get; init; }
    public string? Name { get; init; }
    public List<ChatToolCall>? ToolCalls { get; init; }
    public string? ToolCallId { get; init; }

    /// <summary>Thinking text some clients echo back; unsigned, so never sent upstream.</summary>
    public string? ReasoningContent { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ChatToolCall
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public ChatFunctionCall? Function { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ChatFunctionCall
{
    public string? Name { get; init; }

    /// <summary>A JSON text (the standard); an object is accepted too.</summary>
    public JsonNode? Arguments { get; init; }
}

internal sealed record ChatTool
{
    public string? Type { get; init; }
    public ChatFunctionDefinition? Function { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ChatFunctionDefinition
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonNode? Parameters { get; init; }
    public bool? Strict { get; init; }
}

internal sealed record StreamOptions
{
    public bool? IncludeUsage { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ResponseFormat
{
    /// <summary>text, json_object or json_schema.</summary>
    public string? Type { get; init; }
    public JsonSchemaFormat? JsonSchema { get; init; }
}

internal sealed record JsonSchemaFormat
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonNode? Schema { get; init; }
    public bool? Strict { get; init; }
}
