using System.Text.Json.Serialization;

namespace Switchyard.FrontDoors;

/// <summary>One model in the merged OpenAI + Anthropic list shape.</summary>
internal sealed record ModelListItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("created_at")] string CreatedAt);

/// <summary><c>GET /v1/models</c>: OpenAI's <c>{object, data}</c> and Anthropic's <c>{data, has_more, first_id, last_id}</c> in one object.</summary>
internal sealed record ModelList(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<ModelListItem> Data,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("first_id")] string? FirstId,
    [property: JsonPropertyName("last_id")] string? LastId);

/// <summary>One model in Gemini's list shape.</summary>
internal sealed record GeminiModelItem(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("inputTokenLimit")] int InputTokenLimit,
    [property: JsonPropertyName("outputTokenLimit")] int OutputTokenLimit,
    [property: JsonPropertyName("supportedGenerationMethods")] IReadOnlyList<string> SupportedGenerationMethods);

/// <summary>Gemini's <c>{models:[…]}</c>.</summary>
internal sealed record GeminiModelList([property: JsonPropertyName("models")] IReadOnlyList<GeminiModelItem> Models);

/// <summary>Anthropic's count_tokens answer.</summary>
internal sealed record AnthropicTokenCount([property: JsonPropertyName("input_tokens")] int InputTokens);
