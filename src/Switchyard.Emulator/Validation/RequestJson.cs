using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// Reading request JSON the way Google's proto-JSON parser does: a field may be spelled in camelCase or
/// snake_case (camelCase wins when both are sent), and nothing here throws on an unexpected shape.
/// </summary>
internal static class RequestJson
{
    /// <summary>The field under its camelCase name, else under its snake_case name.</summary>
    public static JsonNode? Field(JsonObject? obj, string camelName)
    {
        if (obj is null)
        {
            return null;
        }

        if (obj.TryGetPropertyValue(camelName, out var camel))
        {
            return camel;
        }

        var snake = Snake(camelName);
        return snake != camelName && obj.TryGetPropertyValue(snake, out var value) ? value : null;
    }

    /// <summary>Whether the field is present (under either spelling), even as null.</summary>
    public static bool Has(JsonObject? obj, string camelName) =>
        obj is not null && (obj.ContainsKey(camelName) || obj.ContainsKey(Snake(camelName)));

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    public static bool IsTrue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    /// <summary>A JSON number as a long (also a numeric string, as proto-JSON allows for int64), else null.</summary>
    public static long? Long(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number when value.TryGetValue<double>(out var d) && !double.IsNaN(d) => (long)Math.Clamp(d, long.MinValue, long.MaxValue),
            JsonValueKind.String when long.TryParse(value.GetValue<string>(), out var s) => s,
            _ => null,
        };
    }

    /// <summary><c>thinkingBudget</c> → <c>thinking_budget</c>; <c>$ref</c> stays <c>$ref</c>.</summary>
    public static string Snake(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary><c>function_declarations</c> → <c>functionDeclarations</c>; a name without <c>_</c> is returned as is.</summary>
    public static string Camel(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length);
        var upper = false;
        foreach (var c in name)
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

    /// <summary>The proto field name as Google writes it in error paths (snake_case).</summary>
    public static string PathName(string name) => Snake(name);

    /// <summary>A value as Google quotes it in "Invalid value at" messages: compact JSON, long strings cut.</summary>
    public static string Quote(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 120 ? text : text[..117] + "...";
    }
}
