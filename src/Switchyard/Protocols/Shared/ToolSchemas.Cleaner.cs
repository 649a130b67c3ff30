using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Protocols.Shared;

internal static partial class ToolSchemas
{
    /// <summary>One cleaning run over one document (the root is needed to resolve references).</summary>
    private sealed class Cleaner(JsonNode root, bool claude)
    {
        private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

        /// <param name="name">The property name the schema is the value of, if it is one (a title that only repeats it goes).</param>
        public JsonObject Clean(JsonNode? node, int depth, string? name = null)
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
            string? title = null;
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
                        foreach (var (propertyName, property) in properties)
                        {
                            cleanedProperties[propertyName] = Clean(property, depth + 1, propertyName);
                        }

                        result["properties"] = cleanedProperties;
                        break;
                    case "items":
                        result["items"] = Clean(value is JsonArray tuple ? tuple.FirstOrDefault() : value, depth + 1);
                        break;
                    case "title" when value.GetValueKind() == JsonValueKind.String:
                        title = value.GetValue<string>();
                        break;
                    case "nullable" when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    case "description" when value.GetValueKind() == JsonValueKind.String:
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
            FoldTitle(result, title, name);
            NormaliseEnum(result, hints);
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
}
