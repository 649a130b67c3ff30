using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Models;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// Cleans a client's JSON schema (tool parameters, response_format) into the subset the upstream accepts
/// (upstream-protocol §3.1): type, format, description, nullable, enum, items, properties, required,
/// minItems, maxItems, minimum, maximum, minLength, maxLength, pattern, anyOf, title, propertyOrdering.
/// <list type="bullet">
/// <item><c>$ref</c> (JSON pointers into the same document: <c>$defs</c>, <c>definitions</c>, <c>#</c>) is
/// inlined; a reference already being expanded becomes <c>{type:"object"}</c> with a hint (cycle guard);
/// an unresolvable one likewise.</item>
/// <item><c>allOf</c> is merged (properties and required united, first value wins otherwise);
/// <c>oneOf</c> is treated as <c>anyOf</c>; null options become <c>nullable</c> and a single remaining
/// option is inlined.</item>
/// <item><c>const</c> → <c>enum [value]</c> (with the value's type when none is given); type arrays → first non-null type + <c>nullable</c> (other
/// types named in the description).</item>
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
internal static class ToolSchemas
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

    /// <summary>One cleaning run over one document (the root is needed to resolve references).</summary>
    private sealed class Cleaner(JsonNode root, bool claude)
    {
        private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

        public JsonObject Clean(JsonNode? node, int depth)
        {
            if (node is not JsonObject source || depth > MaxDepth)
            {
                return [];
            }

            if (source["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference))
            {
                return CleanReference(source, reference, depth);
            }

            // The working view: the source itself when nothing below would change it (the common case), else a copy
            // holding the source's own nodes, or clones of them when allOf/anyOf/oneOf will merge into it. Nothing is
            // ever written back to the source.
            var hints = new List<string>();
            IDictionary<string, JsonNode?> work;
            var merges = source.ContainsKey("allOf") || source.ContainsKey("anyOf") || source.ContainsKey("oneOf");
            if (!merges && !source.ContainsKey("const") && source["type"] is not JsonArray && TypeOf(source) != "null")
            {
                work = source;
            }
            else
            {
                var copy = new OrderedDictionary<string, JsonNode?>(source.Count, StringComparer.Ordinal);
                foreach (var (key, value) in source)
                {
                    if (key is not ("allOf" or "anyOf" or "oneOf"))
                    {
                        copy[key] = merges ? value?.DeepClone() : value;
                    }
                }

                if (source["allOf"] is JsonArray allOf)
                {
                    foreach (var sub in allOf)
                    {
                        MergeInto(copy, Clean(sub, depth + 1));
                    }
                }

                if (copy.GetValueOrDefault("const") is { } constant && copy.GetValueOrDefault("enum") is null)
                {
                    copy["enum"] = new JsonArray(constant.DeepClone());
                    if (copy.GetValueOrDefault("type") is null && TypeOfValue(constant) is { } inferred)
                    {
                        copy["type"] = inferred;
                    }
                }

                NormaliseType(copy, hints);
                InlineAnyOf(source, copy, depth);
                work = copy;
            }

            var result = new JsonObject();
            foreach (var (key, value) in work)
            {
                if (!Accepted.Contains(key) || value is null)
                {
                    continue;
                }

                switch (key)
                {
                    case "properties" when value is JsonObject properties:
                        var cleanedProperties = new JsonObject();
                        foreach (var (name, property) in properties)
                        {
                            cleanedProperties[name] = Clean(property, depth + 1);
                        }

                        result["properties"] = cleanedProperties;
                        break;
                    case "items":
                        result["items"] = Clean(value is JsonArray tuple ? tuple.FirstOrDefault() : value, depth + 1);
                        break;
                    case "nullable" when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    case "description" or "title" when value.GetValueKind() == JsonValueKind.String:
                    case "enum" or "required" or "propertyOrdering" when value is JsonArray:
                    case "type" when value.GetValueKind() == JsonValueKind.String:
                    case "anyOf" when value is JsonArray:
                    case "minItems" or "maxItems" or "minimum" or "maximum" or "minLength" or "maxLength"
                        when value.GetValueKind() == JsonValueKind.Number:
                    case "pattern" when value.GetValueKind() == JsonValueKind.String:
                        result[key] = value.DeepClone();
                        break;
                    case "format" when value.GetValueKind() == JsonValueKind.String:
                        var format = value.GetValue<string>();
                        var type = TypeOf(Value(work, "type"));
                        if ((type == "string" && StringFormats.Contains(format))
                            || (type is "number" or "integer" && NumberFormats.Contains(format)))
                        {
                            result["format"] = format;
                        }
                        else
                        {
                            hints.Add($"(format: {format})");
                        }

                        break;
                }
            }

            foreach (var key in HintKeys)
            {
                if (Value(work, key) is { } hinted && !(key == "uniqueItems" && hinted.GetValueKind() == JsonValueKind.False))
                {
                    hints.Add($"({key}: {HintText(hinted)})");
                }
            }

            FilterRequired(result);
            AppendHints(result, hints);
            if (claude && TypeOf(result) == "object" && result["properties"] is not JsonObject { Count: > 0 })
            {
                WithPlaceholder(result);
            }

            return result;
        }

        private JsonObject CleanReference(JsonObject source, string reference, int depth)
        {
            var target = Resolve(reference);
            JsonObject resolved;
            if (target is null || !_expanding.Add(reference))
            {
                var hint = target is null ? $"(unresolved reference: {reference})" : $"(recursive reference: {reference})";
                resolved = new JsonObject { ["type"] = "object" };
                AppendHints(resolved, [hint]);
                if (claude)
                {
                    WithPlaceholder(resolved);
                }
            }
            else
            {
                try
                {
                    resolved = Clean(target, depth + 1);
                }
                finally
                {
                    _expanding.Remove(reference);
                }
            }

            // Siblings of $ref (description, title…) override the referenced schema's own.
            var siblings = new JsonObject();
            foreach (var (key, value) in source)
            {
                if (key != "$ref")
                {
                    siblings[key] = value?.DeepClone();
                }
            }

            if (siblings.Count == 0)
            {
                return resolved;
            }

            var cleanedSiblings = Clean(siblings, depth + 1);
            foreach (var (key, value) in cleanedSiblings)
            {
                if (key == "properties" && siblings["properties"] is null)
                {
                    continue; // a placeholder added to the sibling-only object, not a real override
                }

                resolved[key] = value?.DeepClone();
            }

            return resolved;
        }

        /// <summary>Resolves <c>#</c> or <c>#/a/b</c> (JSON pointer) against the document root.</summary>
        private JsonNode? Resolve(string reference)
        {
            if (reference == "#")
            {
                return root;
            }

            if (!reference.StartsWith("#/", StringComparison.Ordinal))
            {
                return null;
            }

            var node = root;
            foreach (var raw in reference[2..].Split('/'))
            {
                var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                node = node is JsonObject obj ? obj[segment] : null;
                if (node is null)
                {
                    return null;
                }
            }

            return node;
        }

        private void InlineAnyOf(JsonObject source, OrderedDictionary<string, JsonNode?> work, int depth)
        {
            var anyOf = source["anyOf"] as JsonArray;
            var oneOf = source["oneOf"] as JsonArray;
            if (anyOf is null && oneOf is null)
            {
                return;
            }

            var raw = new List<JsonNode?>();
            raw.AddRange(anyOf ?? []);
            raw.AddRange(oneOf ?? []);

            // Null options are read before cleaning, which would turn {"type":"null"} into a nullable string.
            var options = raw.Where(o => !IsNullSchema(o)).Select(o => Clean(o, depth + 1)).ToList();
            if (options.Count < raw.Count)
            {
                work["nullable"] = true;
            }

            if (options.Count == 1)
            {
                foreach (var (key, value) in options[0])
                {
                    if (key == "description" && work.GetValueOrDefault("description") is not null)
                    {
                        continue;
                    }

                    work[key] = value?.DeepClone();
                }
            }
            else if (options.Count > 1)
            {
                work["anyOf"] = new JsonArray([.. options]);
            }
        }

        private static bool IsNullSchema(JsonNode? option) =>
            option is JsonObject o && o["type"] is JsonValue v && v.TryGetValue<string>(out var type) && type == "null";
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
                filtered.Add(name);
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
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => null,
    };

    private static string HintText(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
}
