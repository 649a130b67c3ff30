using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.OpenAI;

// Members the gateway reads from JSON are { get; set; }, not init: init-only (or required) members make the
// source-generated metadata bind through the parameterised-constructor converter, which buffers every member
// of every object before building it. `required` members stay where a missing field must stay a JSON error.

/// <summary>
/// <c>POST /v1/chat/completions</c> as real clients send it (real-clients §3–§5). Fields with several shapes
/// (<c>content</c>, <c>stop</c>, <c>tool_choice</c>, <c>arguments</c>) are kept as JSON and read by the
/// translator after validation. Unknown fields land in <see cref="Extra"/> and are ignored.
/// </summary>
internal sealed record ChatCompletionRequest
{
    public string? Model { get; set; }
    public List<ChatMessage>? Messages { get; set; }
    public List<ChatTool>? Tools { get; set; }

    /// <summary><c>auto</c>, <c>none</c>, <c>required</c> or <c>{type:function, function:{name}}</c>.</summary>
    public JsonNode? ToolChoice { get; set; }
    public bool? ParallelToolCalls { get; set; }
    public bool? Stream { get; set; }
    public StreamOptions? StreamOptions { get; set; }
    public int? MaxTokens { get; set; }
    public int? MaxCompletionTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public double? PresencePenalty { get; set; }
    public double? FrequencyPenalty { get; set; }

    /// <summary>A string or an array of strings.</summary>
    public JsonNode? Stop { get; set; }
    public int? N { get; set; }
    public int? Seed { get; set; }

    /// <summary>minimal, low, medium or high.</summary>
    public string? ReasoningEffort { get; set; }
    public ResponseFormat? ResponseFormat { get; set; }
    public string? User { get; set; }
    public string? PromptCacheKey { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ChatMessage
{
    /// <summary>system, developer, user, assistant or tool.</summary>
    public string? Role { get; set; }

    /// <summary>A string, an array of parts, or null (assistant turns with tool calls).</summary>
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }
    public List<ChatToolCall>? ToolCalls { get; set; }
    public string? ToolCallId { get; set; }

    /// <summary>Thinking text some clients echo back; unsigned, so never sent upstream.</summary>
    public string? ReasoningContent { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ChatToolCall
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public ChatFunctionCall? Function { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ChatFunctionCall
{
    public string? Name { get; set; }

    /// <summary>A JSON text (the standard); an object is accepted too.</summary>
    public JsonNode? Arguments { get; set; }

    /// <summary>The arguments as an object, kept by validation so the translation does not parse them again.</summary>
    [JsonIgnore]
    public JsonObject? ParsedArguments { get; set; }
}

internal sealed record ChatTool
{
    public string? Type { get; set; }
    public ChatFunctionDefinition? Function { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ChatFunctionDefinition
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public JsonNode? Parameters { get; set; }
    public bool? Strict { get; set; }
}

internal sealed record StreamOptions
{
    public bool? IncludeUsage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ResponseFormat
{
    /// <summary>text, json_object or json_schema.</summary>
    public string? Type { get; set; }
    public JsonSchemaFormat? JsonSchema { get; set; }
}

internal sealed record JsonSchemaFormat
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public JsonNode? Schema { get; set; }
    public bool? Strict { get; set; }
}
