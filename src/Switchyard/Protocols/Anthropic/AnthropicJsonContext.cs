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
internal sealed partial class AnthropicJsonContext : JsonSerializerContext;
