using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Models;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// Cleans a client's JSON schema (tool parameters, response_format) into the subset the upstream accepts
/// (upstream-protocol §3.1): type, format, description, nullable, enum, items, properties, required,
/// minItems, maxItems, minimum, maximum, minLength, maxLength, pattern, anyOf, propertyOrdering.
/// <list type="bullet">
/// <item><c>$ref</c> (JSON pointers into the same document: <c>$defs</c>, <c>definitions</c>, <c>#</c>) is
/// inlined; a reference already being expanded becomes <c>{type:"object"}</c> with a hint (cycle guard);
/// an unresolvable one likewise.</item>
/// <item><c>allOf</c> is merged (properties and required united, first value wins otherwise);
/// <c>oneOf</c> is treated as <c>anyOf</c>; null options become <c>nullable</c> and a single remaining
/// option is inlined.</item>
/// <item><c>const</c> → <c>enum [value]</c> (with the value's type when none is given); type arrays → first non-null type + <c>nullable</c> (other
/// types named in the description).</item>
/// <item><c>enum</c> (a strict upstream takes only strings, and only with <c>type: string</c>): string values stay an
/// enum with <c>type: "string"</c>; <c>null</c> among them becomes <c>nullable</c>; any other values (numbers, booleans)
/// move into the description as <c>(one of: 1, 2, 3)</c> or <c>(must be: 5)</c> and the schema keeps (or takes) the
/// values' own type, so the model still answers with the type the client's tool expects.</item>
/// <item><c>title</c> (unknown to a strict upstream) moves into the description (<c>Title: description</c>), unless it
/// only repeats the property name or the description already says it.</item>
/// <item>Every other key is removed. Constraints that still mean something (default, examples,
/// exclusiveMinimum/Maximum, multipleOf, min/maxProperties, uniqueItems, formats the upstream does not
/// know) are appended to the description as hints such as <c>(default: 3)</c>.</item>
/// <item><c>required</c> keeps only names that are properties.</item>
/// <item>Claude routes: an object schema without properties gets a boolean <c>_placeholder</c> property
/// (not required; the Anthropic translator strips it from returned arguments), and a top-level schema
/// that is not an object is wrapped as <c>{type:"object", properties:{input: schema}, required:["input"]}</c>.</item>
/// </list>
/// The input is never modified.
/// </summary>
internal static partial class ToolSchemas
{
    public const string PlaceholderProperty = "_placeholder";
    private const int MaxDepth = 32;

    private static readonly HashSet<string> Accepted = new(StringComparer.Ordinal)
    {
        "type", "format", "description", "nullable", "enum", "items", "properties", "required", "minItems",
        "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "anyOf", "title", "propertyOrdering",
    };

    private static readonly string[] HintKeys =
        ["default", "examples", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minProperties", "maxProperties", "uniqueItems"];

    private static readonly HashSet<string> StringFormats = new(StringComparer.Ordinal) { "enum", "date-time" };
    private static readonly HashSet<string> NumberFormats = new(StringComparer.Ordinal) { "int32", "int64", "float", "double" };

    public static JsonNode? ForUpstream(JsonNode? schema, ModelRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var claude = route.Family == ModelFamily.Claude;
        if (schema is null)
        {
            return claude ? WithPlaceholder(new JsonObject { ["type"] = "object" }) : null;
        }

        var cleaner = new Cleaner(schema, claude);
        var cleaned = cleaner.Clean(schema, 0);
        if (TypeOf(cleaned) is null && cleaned["properties"] is JsonObject)
        {
            cleaned["type"] = "object";
        }

        if (claude)
        {
            var type = TypeOf(cleaned);
            if (type is null && cleaned.Count == 0)
            {
                cleaned = WithPlaceholder(new JsonObject { ["type"] = "object" });
            }
            else if (type != "object")
            {
                cleaned = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["input"] = cleaned },
                    ["required"] = new JsonArray("input"),
                };
            }
        }

        return cleaned;
    }

    private static string? TypeOf(JsonObject schema) => TypeOf(schema["type"]);

    private static JsonNode? Value(IDictionary<string, JsonNode?> schema, string key) =>
        schema.TryGetValue(key, out var value) ? value : null;

    private static string? TypeOf(JsonNode? typeValue) =>
        typeValue is JsonValue value && value.TryGetValue<string>(out var type) ? type : null;

    private static JsonObject WithPlaceholder(JsonObject schema)
    {
        schema["properties"] = new JsonObject
        {
            [PlaceholderProperty] = new JsonObject { ["type"] = "boolean", ["description"] = "Placeholder; leave unset." },
        };
        return schema;
    }

    /// <summary><c>["string","null"]</c> → <c>"string"</c> + nullable; more types: the first, the rest as a hint.</summary>
    private static void NormaliseType(OrderedDictionary<string, JsonNode?> work, List<string> hints)
    {
        if (work.GetValueOrDefault("type") is JsonArray types)
        {
            var names = types.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();
            var nonNull = names.Where(n => n != "null").ToList();
            if (nonNull.Count < names.Count)
            {
                work["nullable"] = true;
            }

            work["type"] = nonNull.Count > 0 ? nonNull[0] : "string";
            if (nonNull.Count > 1)
            {
                hints.Add($"(accepts: {string.Join(" | ", nonNull)})");
            }
        }
        else if (TypeOf(work.GetValueOrDefault("type")) == "null")
        {
            work["type"] = "string";
            work["nullable"] = true;
        }
    }

    private static void MergeInto(OrderedDictionary<string, JsonNode?> target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            switch (key)
            {
                case "properties" when value is JsonObject properties:
                    if (target.GetValueOrDefault("properties") is not JsonObject existing)
                    {
                        existing = [];
                        target["properties"] = existing;
                    }

                    foreach (var (name, property) in properties)
                    {
                        if (name != PlaceholderProperty && !existing.ContainsKey(name))
                        {
                            existing[name] = property?.DeepClone();
                        }
                    }

                    break;
                case "required" when value is JsonArray required:
                    if (target.GetValueOrDefault("required") is not JsonArray existingRequired)
                    {
                        existingRequired = [];
                        target["required"] = existingRequired;
                    }

                    foreach (var name in required)
                    {
                        if (!existingRequired.Any(r => JsonNode.DeepEquals(r, name)))
                        {
                            existingRequired.Add(name?.DeepClone());
                        }
                    }

                    break;
                default:
                    if (!target.ContainsKey(key))
                    {
                        target[key] = value?.DeepClone();
                    }

                    break;
            }
        }
    }

    private static void FilterRequired(JsonObject schema)
    {
        if (schema["required"] is not JsonArray required)
        {
            return;
        }

        var properties = schema["properties"] as JsonObject;
        List<string>? kept = null;
        var unchanged = true;
        foreach (var entry in required)
        {
            if (entry is JsonValue v && v.TryGetValue<string>(out var name) && properties?.ContainsKey(name) == true
                && kept?.Contains(name) != true)
            {
                (kept ??= new List<string>(required.Count)).Add(name);
            }
            else
            {
                unchanged = false;
            }
        }

        if (kept is null)
        {
            schema.Remove("required");
        }
        else if (!unchanged)
        {
            var filtered = new JsonArray();
            foreach (var name in kept)
            {
                filtered.Add((JsonNode)name);
            }

            schema["required"] = filtered;
        }
    }

    private static void AppendHints(JsonObject schema, List<string> hints)
    {
        if (hints.Count == 0)
        {
            return;
        }

        var description = schema["description"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text + " "
            : "";
        schema["description"] = description + string.Join(" ", hints);
    }

    private static string? TypeOfValue(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number when value is JsonValue v && v.TryGetValue<long>(out _) => "integer",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => null,
    };

    /// <summary>A title into the description, unless it only repeats the property name or the description says it already.</summary>
    private static void FoldTitle(JsonObject schema, string? title, string? name)
    {
        if (string.IsNullOrWhiteSpace(title) || (name is not null && Squashed(title) == Squashed(name)))
        {
            return;
        }

        var description = schema["description"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (string.IsNullOrEmpty(description))
        {
            schema["description"] = title;
        }
        else if (!description.Contains(title, StringComparison.OrdinalIgnoreCase))
        {
            schema["description"] = title + ": " + description;
        }

        static string Squashed(string s) => new([.. s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
    }

    /// <summary>String enums typed <c>string</c>; <c>null</c> as nullable; other values into the description (see the class remarks).</summary>
    private static void NormaliseEnum(JsonObject schema, List<string> hints)
    {
        if (schema["enum"] is not JsonArray values)
        {
            return;
        }

        var kept = values.Where(v => v is not null && v.GetValueKind() != JsonValueKind.Null).ToList();
        if (kept.Count < values.Count)
        {
            schema["nullable"] = true;
        }

        if (kept.Count > 0 && kept.TrueForAll(v => v!.GetValueKind() == JsonValueKind.String))
        {
            if (kept.Count < values.Count)
            {
                schema["enum"] = new JsonArray([.. kept.Select(v => v!.DeepClone())]);
            }

            if (TypeOf(schema) != "string")
            {
                schema["type"] = "string";
                schema.Remove("format");
            }

            return;
        }

        schema.Remove("enum");
        if (kept.Count == 0)
        {
            return;
        }

        var types = kept.Select(v => TypeOfValue(v!)).Distinct().ToList();
        if (TypeOf(schema) is null && types is [{ } only])
        {
            schema["type"] = only;
        }
        else if (TypeOf(schema) is null && types.TrueForAll(t => t is "integer" or "number"))
        {
            schema["type"] = "number";
        }

        var shown = string.Join(", ", kept.Select(v => HintText(v!)));
        hints.Add(kept.Count == 1 ? $"(must be: {shown})" : $"(one of: {shown})");
    }

    private static string HintText(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
}
