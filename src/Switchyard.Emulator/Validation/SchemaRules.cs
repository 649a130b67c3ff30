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

    public static ValidationRejection? Check(JsonObject request)
    {
        if (RequestJson.Field(request, "tools") is not JsonArray tools)
        {
            return null;
        }

        for (var t = 0; t < tools.Count; t++)
        {
            if (RequestJson.Field(tools[t] as JsonObject, "functionDeclarations") is not JsonArray declarations)
            {
                continue;
            }

            for (var d = 0; d < declarations.Count; d++)
            {
                var parameters = (declarations[d] as JsonObject)?["parameters"];
                if (parameters is not null
                    && Schema(parameters, $"request.tools[{t}].function_declarations[{d}].parameters") is { } bad)
                {
                    return bad;
                }
            }
        }

        return null;
    }

    private static ValidationRejection? Schema(JsonNode node, string path)
    {
        if (node is not JsonObject schema)
        {
            return StructureRules.Invalid(path, ProtoTypes.Schema, node, "schema");
        }

        foreach (var (key, value) in schema)
        {
            var name = RequestJson.Camel(key);
            if (!Accepted.Contains(name))
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

    private static ValidationRejection? Properties(JsonNode value, string path)
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

    private static ValidationRejection? AnyOf(JsonNode value, string path)
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
