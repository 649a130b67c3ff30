using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// Function declaration schemas (spec §3.1). The upstream parses <c>parameters</c> as its own Schema
/// message, not as JSON Schema, so only this subset of keys is accepted (camelCase or snake_case):
/// <c>type, format, description, nullable, enum, items, properties, required, minItems, maxItems,
/// minimum, maximum, minLength, maxLength, pattern, anyOf, title, propertyOrdering</c>.
/// Everything else (<c>const, $ref, $defs, definitions, $schema, $id, default, examples,
/// additionalProperties, patternProperties, $comment, exclusiveMinimum, multipleOf, oneOf, allOf…</c>) is an
/// unknown field: <c>Unknown name "const" at 'request.tools[0].function_declarations[0].parameters.properties[1].value': Cannot find field.</c>
/// Paths follow Google's: a <c>properties</c> entry is <c>properties[i].value</c> (i = entry order), then
/// <c>items</c>, <c>any_of[k]</c>. <c>type</c> must name one of the proto's types (any case); <c>"null"</c>
/// or a type array is an invalid value. Only the first problem is reported.
/// Issue 15 toggles (<see cref="ValidationConfig"/>): <c>title</c> is unknown (<c>SchemaTitle</c>); <c>enum</c>
/// values must be JSON strings, reported as the parser does, <c>Invalid value at '….enum[0]' (TYPE_STRING), 1</c>
/// (<c>SchemaEnumStrings</c>); and, after every parse-level check has passed, an <c>enum</c> needs
/// <c>type</c> STRING: <c>* GenerateContentRequest.tools[0].function_declarations[1].parameters.properties[mode].enum: only allowed for STRING type</c>
/// (<c>SchemaEnumStringType</c>).
/// </summary>
internal static class SchemaRules
{
    private static readonly HashSet<string> Accepted = new(StringComparer.Ordinal)
    {
        "type", "format", "description", "nullable", "enum", "items", "properties", "required", "minItems",
        "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "anyOf", "title", "propertyOrdering",
    };

    private static readonly string[] Types = ["STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT", "TYPE_UNSPECIFIED"];

    private const string TypeEnum = "type.googleapis.com/google.ai.generativelanguage.v1beta.Type";

    public static ValidationRejection? Check(JsonObject request, ValidationConfig config)
    {
        var parameters = Parameters(request).ToList();
        foreach (var (node, path, _) in parameters)
        {
            if (new Walk(config).Schema(node, path) is { } bad)
            {
                return bad;
            }
        }

        if (!config.SchemaEnumStringType)
        {
            return null;
        }

        foreach (var (node, _, protoPath) in parameters)
        {
            if (EnumTypes(node, protoPath) is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    /// <summary>Each declaration's parameters with its parser path and its proto-validation path.</summary>
    private static IEnumerable<(JsonNode Node, string Path, string ProtoPath)> Parameters(JsonObject request)
    {
        if (RequestJson.Field(request, "tools") is not JsonArray tools)
        {
            yield break;
        }

        for (var t = 0; t < tools.Count; t++)
        {
            if (RequestJson.Field(tools[t] as JsonObject, "functionDeclarations") is not JsonArray declarations)
            {
                continue;
            }

            for (var d = 0; d < declarations.Count; d++)
            {
                if ((declarations[d] as JsonObject)?["parameters"] is { } parameters)
                {
                    var at = $"tools[{t}].function_declarations[{d}].parameters";
                    yield return (parameters, "request." + at, $"{StructureRules.GenerateRequest}.{at}");
                }
            }
        }
    }

    /// <summary>The semantic check: a schema (or sub-schema) with <c>enum</c> has type STRING.</summary>
    private static ValidationRejection? EnumTypes(JsonNode node, string protoPath)
    {
        if (node is not JsonObject schema)
        {
            return null;
        }

        if (RequestJson.Field(schema, "enum") is not null
            && !string.Equals(RequestJson.String(RequestJson.Field(schema, "type")), "STRING", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationRejection.Google("schema-enum-type", Rejections.EnumOnlyForString(protoPath));
        }

        if (RequestJson.Field(schema, "properties") is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                if (property is not null && EnumTypes(property, $"{protoPath}.properties[{name}]") is { } bad)
                {
                    return bad;
                }
            }
        }

        if (RequestJson.Field(schema, "items") is { } items && EnumTypes(items, protoPath + ".items") is { } inItems)
        {
            return inItems;
        }

        if (RequestJson.Field(schema, "anyOf") is JsonArray options)
        {
            for (var k = 0; k < options.Count; k++)
            {
                if (options[k] is { } option && EnumTypes(option, $"{protoPath}.any_of[{k}]") is { } bad)
                {
                    return bad;
                }
            }
        }

        return null;
    }

    /// <summary>The parse-level walk: unknown keys, wrong types, non-string enum values.</summary>
    private readonly struct Walk(ValidationConfig config)
    {
        public ValidationRejection? Schema(JsonNode node, string path)
        {
            if (node is not JsonObject schema)
            {
                return StructureRules.Invalid(path, ProtoTypes.Schema, node, "schema");
            }

            foreach (var (key, value) in schema)
            {
                var name = RequestJson.Camel(key);
                if (!Accepted.Contains(name) || (name == "title" && config.SchemaTitle))
                {
                    return ValidationRejection.Google("schema", Rejections.UnknownField(key, path));
                }

                if (value is null)
                {
                    continue;
                }

                var bad = name switch
                {
                    "type" => Type(value, path + ".type"),
                    "properties" => Properties(value, path + ".properties"),
                    "items" => Schema(value, path + ".items"),
                    "anyOf" => AnyOf(value, path + ".any_of"),
                    "enum" when config.SchemaEnumStrings => EnumValues(value, path + ".enum"),
                    _ => null,
                };
                if (bad is not null)
                {
                    return bad;
                }
            }

            return null;
        }

        private static ValidationRejection? Type(JsonNode value, string path) =>
            RequestJson.String(value) is { } type && Types.Contains(type, StringComparer.OrdinalIgnoreCase)
                ? null
                : StructureRules.Invalid(path, TypeEnum, value, "schema");

        /// <summary>Proto <c>repeated string</c>: every value a JSON string.</summary>
        private static ValidationRejection? EnumValues(JsonNode value, string path)
        {
            if (value is not JsonArray values)
            {
                return null;
            }

            for (var k = 0; k < values.Count; k++)
            {
                if (!RequestJson.IsString(values[k]))
                {
                    return StructureRules.Invalid($"{path}[{k}]", ProtoTypes.String, values[k], "schema-enum");
                }
            }

            return null;
        }

        private ValidationRejection? Properties(JsonNode value, string path)
        {
            if (value is not JsonObject properties)
            {
                return StructureRules.Invalid(path, ProtoTypes.Schema, value, "schema");
            }

            var index = 0;
            foreach (var (_, property) in properties)
            {
                if (property is not null && Schema(property, $"{path}[{index}].value") is { } bad)
                {
                    return bad;
                }

                index++;
            }

            return null;
        }

        private ValidationRejection? AnyOf(JsonNode value, string path)
        {
            if (value is not JsonArray options)
            {
                return StructureRules.Invalid(path, ProtoTypes.Schema, value, "schema");
            }

            for (var k = 0; k < options.Count; k++)
            {
                if (options[k] is { } option && Schema(option, $"{path}[{k}]") is { } bad)
                {
                    return bad;
                }
            }

            return null;
        }
    }
}
