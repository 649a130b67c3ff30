using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Anthropic;

/// <summary>Source-generated JSON for the Anthropic wire: snake_case, nulls omitted unless a member says otherwise.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(MessagesRequest))]
[JsonSerializable(typeof(List<ContentBlock>))]
[JsonSerializable(typeof(MessagesResponse))]
[JsonSerializable(typeof(StreamEvent))]
[JsonSerializable(typeof(MessageDeltaEvent))]
[JsonSerializable(typeof(AnthropicErrorBody))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context used for output: non-ASCII text and quotes are written as is (<c>é</c>, not
    /// <c>\u00E9</c>), as Anthropic does. Responses are JSON and SSE, never embedded in HTML.
    /// </summary>
    public static AnthropicJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Options for <see cref="System.Text.Json.Nodes.JsonNode.ToJsonString"/> on output paths.</summary>
    public static JsonSerializerOptions NodeOutput { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
