using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Protocols.Gemini;

/// <summary>
/// The public API accepts camelCase and snake_case for the same field (proto3 JSON). Before reading, every
/// snake_case key is renamed to camelCase; when both spellings are present, camelCase wins and the snake_case one
/// is dropped. Values that are the client's own data are left untouched: function call arguments, function
/// responses and JSON schemas (their property names are the client's).
/// </summary>
internal static class GeminiJsonNames
{
    private static readonly HashSet<string> Opaque = new(StringComparer.Ordinal)
    {
        "args", "response", "parameters", "parametersJsonSchema", "responseSchema", "responseJsonSchema",
    };

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
