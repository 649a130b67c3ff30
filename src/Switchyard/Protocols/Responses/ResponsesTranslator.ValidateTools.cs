using System.Text.Json.Nodes;
using Switchyard.Protocols.OpenAI;

namespace Switchyard.Protocols.Responses;

internal static partial class ResponsesTranslator
{
    private static readonly string[] SupportedToolTypes =
        ["function", "custom", "namespace", "web_search", "web_search_preview", "tool_search"];

    /// <summary>Tools (the request's and any additional_tools item's), then tool_choice against them; builds the tool map.</summary>
    private static OpenAIError? ValidateTools(ResponsesRequest request)
    {
        var all = new List<ResponseTool>();
        for (var i = 0; i < (request.Tools?.Count ?? 0); i++)
        {
            if (ValidateTool(request.Tools![i], $"tools[{i}]", inNamespace: false) is { } error)
            {
                return error;
            }

            all.Add(request.Tools[i]);
        }

        for (var i = 0; i < (request.Input?.Count ?? 0); i++)
        {
            if (request.Input![i] is not { Type: "additional_tools" } item)
            {
                continue;
            }

            for (var j = 0; j < (item.Tools?.Count ?? 0); j++)
            {
                if (ValidateTool(item.Tools![j], $"input[{i}].tools[{j}]", inNamespace: false) is { } error)
                {
                    return error;
                }

                all.Add(item.Tools[j]);
            }
        }

        request.ToolMap = ResponsesToolMap.Build(all);
        return ValidateToolChoice(request.ToolChoice, request.ToolMap);
    }

    private static OpenAIError? ValidateTool(ResponseTool? tool, string path, bool inNamespace)
    {
        if (tool is null)
        {
            return ResponsesErrors.Invalid("A tool must be an object.", path);
        }

        switch (tool.Type)
        {
            case "function":
                if (string.IsNullOrWhiteSpace(tool.Name))
                {
                    return ResponsesErrors.Invalid("A function tool needs a name.", path + ".name");
                }

                return tool.Parameters is null or JsonObject
                    ? null
                    : ResponsesErrors.Invalid("Function parameters must be a JSON schema object.", path + ".parameters");
            case "custom":
                if (string.IsNullOrWhiteSpace(tool.Name))
                {
                    return ResponsesErrors.Invalid("A custom tool needs a name.", path + ".name");
                }

                return tool.Format switch
                {
                    null or { Type: "text" } => null,
                    { Type: "grammar", Syntax: "lark" or "regex", Definition.Length: > 0 } => null,
                    { Type: "grammar" } => ResponsesErrors.Invalid("A grammar format needs syntax 'lark' or 'regex' and a definition.", path + ".format"),
                    _ => ResponsesErrors.Invalid($"Invalid value '{tool.Format.Type}': a custom tool's format.type must be text or grammar.", path + ".format.type"),
                };
            case "namespace" when !inNamespace:
                if (string.IsNullOrWhiteSpace(tool.Name))
                {
                    return ResponsesErrors.Invalid("A namespace needs a name.", path + ".name");
                }

                for (var j = 0; j < (tool.Tools?.Count ?? 0); j++)
                {
                    var inner = tool.Tools![j];
                    if (inner?.Type is not ("function" or "custom"))
                    {
                        return ResponsesErrors.Unsupported(
                            $"Unsupported tool type '{inner?.Type}' in a namespace; supported: function, custom.", $"{path}.tools[{j}].type");
                    }

                    if (ValidateTool(inner, $"{path}.tools[{j}]", inNamespace: true) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case "tool_search" when !inNamespace:
                return null;
            case var type when !inNamespace && ResponsesToolMap.IsWebSearchType(type):
                return null;
            default:
                return ResponsesErrors.Unsupported(
                    $"Unsupported tool type '{tool.Type}'. Supported: {string.Join(", ", SupportedToolTypes)}.", path + ".type");
        }
    }

    private static OpenAIError? ValidateToolChoice(JsonNode? choice, ResponsesToolMap tools)
    {
        switch (choice)
        {
            case null:
                return null;
            case JsonValue v when v.TryGetValue<string>(out var mode):
                return mode is "auto" or "none" or "required"
                    ? null
                    : ResponsesErrors.Invalid($"Invalid value '{mode}': tool_choice must be auto, none, required or an object.", "tool_choice");
            case JsonObject o:
                var type = (o["type"] as JsonValue)?.TryGetValue<string>(out var t) == true ? t : null;
                switch (type)
                {
                    case "function" or "custom":
                        var name = (o["name"] as JsonValue)?.TryGetValue<string>(out var n) == true ? n : null;
                        var ns = (o["namespace"] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;
                        return name is not null && tools.FindClient(ns, name) is { } entry
                            && entry.Kind == (type == "function" ? ResponsesToolKind.Function : ResponsesToolKind.Custom)
                            ? null
                            : ResponsesErrors.Invalid($"tool_choice names the {type} tool '{name}', which is not in tools.", "tool_choice.name");
                    case "allowed_tools":
                        if ((o["mode"] as JsonValue)?.TryGetValue<string>(out var allowedMode) != true || allowedMode is not ("auto" or "required"))
                        {
                            return ResponsesErrors.Invalid("tool_choice.mode must be auto or required.", "tool_choice.mode");
                        }

                        return o["tools"] is JsonArray
                            ? null
                            : ResponsesErrors.Invalid("tool_choice.tools must be an array of tools.", "tool_choice.tools");
                    case var hosted when ResponsesToolMap.IsWebSearchType(hosted):
                        return tools.WebSearch
                            ? null
                            : ResponsesErrors.Invalid("tool_choice names web_search, which is not in tools.", "tool_choice.type");
                    default:
                        return ResponsesErrors.Unsupported($"Unsupported tool_choice type '{type}'.", "tool_choice.type");
                }

            default:
                return ResponsesErrors.Invalid("tool_choice must be a string or an object.", "tool_choice");
        }
    }
}
