using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.Responses;

/// <summary><c>input</c>: a string becomes one user message with one <c>input_text</c> part; an array is read item by item.</summary>
internal sealed class ResponsesInputConverter : JsonConverter<List<ResponseInputItem>>
{
    public override List<ResponseInputItem>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return
                [
                    new ResponseInputItem
                    {
                        Type = "message",
                        Role = "user",
                        Content = [new ResponseContentPart { Type = "input_text", Text = reader.GetString() }],
                    },
                ];
            case JsonTokenType.StartArray:
                return JsonSerializer.Deserialize(ref reader, ResponsesJsonContext.Default.ListResponseInputItem);
            default:
                throw new JsonException("input must be a string or an array of items.");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<ResponseInputItem> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, ResponsesJsonContext.Default.ListResponseInputItem);
}

/// <summary>Message content or tool output: a string becomes one <c>input_text</c> part; an array is read part by part.</summary>
internal sealed class ResponsesContentConverter : JsonConverter<List<ResponseContentPart>>
{
    public override List<ResponseContentPart>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [new ResponseContentPart { Type = "input_text", Text = reader.GetString() }];
            case JsonTokenType.StartArray:
                return JsonSerializer.Deserialize(ref reader, ResponsesJsonContext.Default.ListResponseContentPart);
            default:
                throw new JsonException("Content must be a string or an array of parts.");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<ResponseContentPart> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, ResponsesJsonContext.Default.ListResponseContentPart);
}
