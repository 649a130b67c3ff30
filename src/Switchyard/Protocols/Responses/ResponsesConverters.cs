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
                try
                {
                    return JsonSerializer.Deserialize(ref reader, ResponsesJsonContext.Default.ListResponseInputItem);
                }
                catch (JsonException e)
                {
                    throw NestedPath.Wrap(e);
                }
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
                try
                {
                    return JsonSerializer.Deserialize(ref reader, ResponsesJsonContext.Default.ListResponseContentPart);
                }
                catch (JsonException e)
                {
                    throw NestedPath.Wrap(e);
                }
            default:
                throw new JsonException("Content must be a string or an array of parts.");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<ResponseContentPart> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, ResponsesJsonContext.Default.ListResponseContentPart);
}

/// <summary>
/// Keeps the path of an error inside a converter's own deserialization. The serializer gives an exception the path
/// where it was caught only when it has none, and the inner path alone (<c>$[0].text</c>) says nothing of where the
/// converter's value sits. So the converter throws again with no path and the inner path in the message; the outer
/// serializer adds its own path (<c>$.input</c>), and <see cref="Resolve"/> joins the two (<c>input[0].text</c>).
/// </summary>
internal static class NestedPath
{
    private const string Marker = "\u0001at:";

    public static JsonException Wrap(JsonException inner)
    {
        var relative = (inner.Path ?? "$").TrimStart('$');
        if (inner.Message.StartsWith(Marker, StringComparison.Ordinal))
        {
            relative += inner.Message[Marker.Length..];
        }

        return new JsonException(Marker + relative, inner);
    }

    /// <summary>The full path of an error (without the leading <c>$</c> or <c>$.</c>).</summary>
    public static string Resolve(JsonException e)
    {
        var path = e.Path ?? "$";
        path = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return e.Message.StartsWith(Marker, StringComparison.Ordinal) ? path + e.Message[Marker.Length..] : path;
    }
}
