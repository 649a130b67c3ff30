using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Anthropic;

/// <summary>
/// Reads Anthropic's "string or blocks" fields (<c>system</c>, <c>messages[].content</c>,
/// <c>tool_result.content</c>): a string becomes one text block. Anything else is a JSON error that
/// names the field (the serializer adds the path).
/// </summary>
internal sealed class AnthropicContentConverter : JsonConverter<List<ContentBlock>>
{
    public override List<ContentBlock>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [new ContentBlock { Type = "text", Text = reader.GetString() }];
            case JsonTokenType.StartArray:
                return JsonSerializer.Deserialize(ref reader, AnthropicJsonContext.Default.ListContentBlock);
            default:
                throw new JsonException("Expected a string or an array of content blocks.");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<ContentBlock> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, AnthropicJsonContext.Default.ListContentBlock);
}
