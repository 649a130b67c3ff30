using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// Structure of a generate request (spec §3.1, §8.2 step 8): non-empty contents with user/model roles,
/// non-empty parts that are objects of a known kind, valid function names, no search tools next to
/// function declarations, a known function-calling mode. Wrong shapes get Google's "Invalid value at" text.
/// </summary>
internal static partial class StructureRules
{
    public const string GenerateRequest = "GenerateContentRequest";

    /// <summary>The part kinds of the proto's <c>data</c> oneof.</summary>
    private static readonly string[] PartKinds =
        ["text", "functionCall", "functionResponse", "inlineData", "fileData", "executableCode", "codeExecutionResult"];

    private static readonly string[] Modes = ["VALIDATED", "AUTO", "ANY", "NONE"];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.:-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();

    public static ValidationRejection? Check(JsonObject request, ValidationConfig config) =>
        Contents(request, GenerateRequest) ?? Tools(request, config.FunctionNames) ?? ToolConfig(request) ?? GenerationConfig(request);

    public static ValidationRejection? Contents(JsonObject request, string requestType)
    {
        var contents = RequestJson.Field(request, "contents");
        if (contents is null || contents is JsonArray { Count: 0 })
        {
            return ValidationRejection.Google("contents", Rejections.ContentsNotSpecified(requestType));
        }

        if (contents is not JsonArray array)
        {
            return Invalid("request.contents", ProtoTypes.Content, contents);
        }

        for (var i = 0; i < array.Count; i++)
        {
            var path = $"request.contents[{i}]";
            if (array[i] is not JsonObject content)
            {
                return Invalid(path, ProtoTypes.Content, array[i]);
            }

            if (RequestJson.String(RequestJson.Field(content, "role")) is not ("user" or "model"))
            {
                return ValidationRejection.Google("role", Rejections.InvalidRole);
            }

            if (Parts(RequestJson.Field(content, "parts"), path + ".parts", $"{requestType}.contents[{i}].parts") is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    /// <summary>A parts array: non-empty, objects, each with one known kind of data (thought parts are left to the Claude rules).</summary>
    public static ValidationRejection? Parts(JsonNode? parts, string path, string protoPath)
    {
        if (parts is null || parts is JsonArray { Count: 0 })
        {
            return ValidationRejection.Google("parts", Rejections.PartsEmpty(protoPath));
        }

        if (parts is not JsonArray array)
        {
            return Invalid(path, ProtoTypes.Part, parts);
        }

        for (var j = 0; j < array.Count; j++)
        {
            var partPath = $"{path}[{j}]";
            if (array[j] is not JsonObject part)
            {
                return Invalid(partPath, ProtoTypes.Part, array[j]);
            }

            if (Part(part, partPath, $"{protoPath}[{j}]") is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    private static ValidationRejection? Part(JsonObject part, string path, string protoPath)
    {
        var text = RequestJson.Field(part, "text");
        if (text is not null && !RequestJson.IsString(text))
        {
            return Invalid(path + ".text", ProtoTypes.String, text);
        }

        var signature = RequestJson.Field(part, "thoughtSignature");
        if (signature is not null && !RequestJson.IsString(signature))
        {
            return Invalid(path + ".thought_signature", ProtoTypes.String, signature);
        }

        foreach (var kind in (string[])["functionCall", "functionResponse"])
        {
            var call = RequestJson.Field(part, kind);
            if (call is null)
            {
                continue;
            }

            var kindPath = RequestPath.Child(path, kind);
            if (call is not JsonObject callObject)
            {
                return Invalid(kindPath, ProtoTypes.Part, call);
            }

            if (string.IsNullOrEmpty(RequestJson.String(callObject["name"])))
            {
                return ValidationRejection.Google("parts", Rejections.FunctionNameEmpty(RequestPath.Child(protoPath, kind)));
            }
        }

        var hasData = PartKinds.Any(kind => RequestJson.Field(part, kind) is not null);
        return hasData || RequestJson.IsTrue(part["thought"])
            ? null
            : ValidationRejection.Google("parts", Rejections.PartDataMissing(protoPath));
    }

    /// <param name="functionNames">Check declaration names against the pattern (the <c>FunctionNames</c> toggle).</param>
    public static ValidationRejection? Tools(JsonObject request, bool functionNames)
    {
        var tools = RequestJson.Field(request, "tools");
        if (tools is null)
        {
            return null;
        }

        if (tools is not JsonArray array)
        {
            return Invalid("request.tools", ProtoTypes.Tool, tools);
        }

        bool functions = false, search = false;
        for (var t = 0; t < array.Count; t++)
        {
            var path = $"request.tools[{t}]";
            if (array[t] is not JsonObject tool)
            {
                return Invalid(path, ProtoTypes.Tool, array[t]);
            }

            search |= RequestJson.Has(tool, "googleSearch") || RequestJson.Has(tool, "googleSearchRetrieval") || RequestJson.Has(tool, "urlContext");
            var declarations = RequestJson.Field(tool, "functionDeclarations");
            if (declarations is null)
            {
                continue;
            }

            if (declarations is not JsonArray list)
            {
                return Invalid(path + ".function_declarations", ProtoTypes.FunctionDeclaration, declarations);
            }

            for (var d = 0; d < list.Count; d++)
            {
                if (list[d] is not JsonObject declaration)
                {
                    return Invalid($"{path}.function_declarations[{d}]", ProtoTypes.FunctionDeclaration, list[d]);
                }

                if (functionNames && (RequestJson.String(declaration["name"]) is not { } name || !FunctionName().IsMatch(name)))
                {
                    return ValidationRejection.Google("function-name", Rejections.InvalidFunctionName(t, d));
                }

                functions = true;
            }
        }

        return functions && search ? ValidationRejection.Google("search-with-functions", Rejections.SearchWithFunctions) : null;
    }

    private static ValidationRejection? ToolConfig(JsonObject request)
    {
        var toolConfig = RequestJson.Field(request, "toolConfig");
        if (toolConfig is null)
        {
            return null;
        }

        if (toolConfig is not JsonObject config)
        {
            return Invalid("request.tool_config", ProtoTypes.ToolConfig, toolConfig);
        }

        var calling = RequestJson.Field(config, "functionCallingConfig");
        if (calling is null)
        {
            return null;
        }

        if (calling is not JsonObject callingConfig)
        {
            return Invalid("request.tool_config.function_calling_config", ProtoTypes.FunctionCallingConfig, calling);
        }

        var mode = callingConfig["mode"];
        return mode is null || Modes.Contains(RequestJson.String(mode), StringComparer.Ordinal)
            ? null
            : Invalid("request.tool_config.function_calling_config.mode", ProtoTypes.FunctionCallingMode, mode, "tool-config");
    }

    private static ValidationRejection? GenerationConfig(JsonObject request)
    {
        var generation = RequestJson.Field(request, "generationConfig");
        if (generation is null)
        {
            return null;
        }

        if (generation is not JsonObject config)
        {
            return Invalid("request.generation_config", ProtoTypes.GenerationConfig, generation);
        }

        var thinking = RequestJson.Field(config, "thinkingConfig");
        return thinking is null or JsonObject
            ? null
            : Invalid("request.generation_config.thinking_config", ProtoTypes.ThinkingConfig, thinking);
    }

    public static ValidationRejection Invalid(string path, string type, JsonNode? value, string rule = "structure") =>
        ValidationRejection.Google(rule, Rejections.InvalidValue(path, type, RequestJson.Quote(value)));
}
