using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Protocols.Gemini;

/// <summary>
/// The public API accepts camelCase and snake_case for the same field (proto3 JSON). Before reading, every
/// snake_case key is renamed to camelCase; when both spellings are present, camelCase wins and the snake_case one
/// is dropped. Values that are the client's own data are left untouched: function call arguments, function
/// responses and JSON schemas (their property names are the client's). <see cref="TryScan"/> tells whether a body
/// needs folding at all, so the common camelCase body is read straight from its bytes.
/// </summary>
internal static class GeminiJsonNames
{
    private static readonly HashSet<string> Opaque = new(StringComparer.Ordinal)
    {
        "args", "response", "parameters", "parametersJsonSchema", "responseSchema", "responseJsonSchema",
    };

    /// <summary>
    /// Reads the whole body once, without allocating: false when it is not a JSON object, a
    /// <see cref="JsonException"/> when it is not JSON; <paramref name="snakeCase"/> is true when some property name
    /// that <see cref="FoldSnakeCase"/> would rename (one with <c>_</c>, outside the opaque values) or an escaped
    /// name (checked the slow way) is present.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> body, out bool snakeCase)
    {
        snakeCase = false;
        var reader = new Utf8JsonReader(body);
        if (!reader.Read())
        {
            throw new JsonException("Empty body.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return reader.Read() ? throw new JsonException("Trailing data.") : false;
        }

        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueIsEscaped || reader.ValueSpan.Contains((byte)'_'))
            {
                snakeCase = true;
            }
            else if (IsOpaque(reader.ValueSpan))
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }

    private static bool IsOpaque(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("args"u8) || name.SequenceEqual("response"u8) || name.SequenceEqual("parameters"u8)
        || name.SequenceEqual("parametersJsonSchema"u8) || name.SequenceEqual("responseSchema"u8)
        || name.SequenceEqual("responseJsonSchema"u8);

    public static void FoldSnakeCase(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(k => k.Contains('_', StringComparison.Ordinal)).ToList())
                {
                    var camel = ToCamel(key);
                    var value = obj[key];
                    obj.Remove(key);
                    if (!obj.ContainsKey(camel))
                    {
                        obj[camel] = value;
                    }
                }

                foreach (var (key, value) in obj.ToList())
                {
                    if (!Opaque.Contains(key))
                    {
                        FoldSnakeCase(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    FoldSnakeCase(item);
                }

                break;
        }
    }

    private static string ToCamel(string key)
    {
        var builder = new StringBuilder(key.Length);
        var upper = false;
        foreach (var c in key)
        {
            if (c == '_')
            {
                upper = builder.Length > 0;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }
}
