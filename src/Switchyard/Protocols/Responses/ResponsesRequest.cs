using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Responses;

// Members the gateway reads from JSON are { get; set; }, not init: init-only (or required) members make the
// source-generated metadata bind through the parameterised-constructor converter, which buffers every member
// of every object before building it.

/// <summary>
/// <c>POST /v1/responses</c> as Codex and the openai SDKs send it (real-clients-codex-gemini-cli §2.5). <c>input</c>
/// may be a string (one user message) or a list of items; both arrive as <see cref="Input"/>. Fields with several
/// shapes (<c>tool_choice</c>) stay JSON and are read after validation. Unknown fields land in <see cref="Extra"/>
/// and are ignored (<c>client_metadata</c>, <c>prompt_cache_key</c>, <c>service_tier</c>, <c>truncation</c>…).
/// </summary>
internal sealed record ResponsesRequest
{
    public string? Model { get; set; }

    [JsonConverter(typeof(ResponsesInputConverter))]
    public List<ResponseInputItem>? Input { get; set; }

    public string? Instructions { get; set; }
    public List<ResponseTool>? Tools { get; set; }

    /// <summary><c>auto</c>, <c>none</c>, <c>required</c>, <c>{type:function|custom, name}</c>, <c>{type:allowed_tools, mode, tools}</c> or a hosted tool type.</summary>
    public JsonNode? ToolChoice { get; set; }
    public bool? ParallelToolCalls { get; set; }
    public ResponseReasoning? Reasoning { get; set; }
    public ResponseTextOptions? Text { get; set; }
    public int? MaxOutputTokens { get; set; }
    public Dictionary<string, string>? Metadata { get; set; }
    public List<string>? Include { get; set; }
    public bool? Store { get; set; }
    public bool? Stream { get; set; }
    public bool? Background { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public string? PreviousResponseId { get; set; }
    public JsonNode? Conversation { get; set; }
    public JsonNode? Prompt { get; set; }
    public string? User { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The tools as the upstream sees them, built by validation (the request's tools and any additional_tools item's).</summary>
    [JsonIgnore]
    public ResponsesToolMap? ToolMap { get; set; }
}

internal sealed record ResponseReasoning
{
    /// <summary>none, minimal, low, medium, high or xhigh.</summary>
    public string? Effort { get; set; }

    /// <summary>auto, concise, detailed, or none/null for no summary.</summary>
    public string? Summary { get; set; }

    /// <summary>The older spelling of <see cref="Summary"/>.</summary>
    public string? GenerateSummary { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ResponseTextOptions
{
    public ResponseTextFormat? Format { get; set; }

    /// <summary>low, medium or high; no upstream equivalent, echoed only.</summary>
    public string? Verbosity { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>{type: text}</c>, <c>{type: json_object}</c> or <c>{type: json_schema, name, schema, strict, description}</c>.</summary>
internal sealed record ResponseTextFormat
{
    public string? Type { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public JsonNode? Schema { get; set; }
    public bool? Strict { get; set; }
}
