using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Protocols.OpenAI;

internal static partial class OpenAITranslator
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "developer", "user", "assistant", "tool" };
    private static readonly HashSet<string> Efforts = new(StringComparer.Ordinal) { "none", "minimal", "low", "medium", "high" };

    /// <summary>
    /// Reads and validates a request body. A body that is not JSON, has a field of the wrong type, or fails
    /// <see cref="Validate"/> yields a 400 naming the field; unknown fields are ignored.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> body,
        [NotNullWhen(true)] out ChatCompletionRequest? request,
        [NotNullWhen(false)] out OpenAIError? error)
    {
        request = null;
        ChatCompletionRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, OpenAIJsonContext.Default.ChatCompletionRequest);
        }
        catch (JsonException e)
        {
            error = DescribeJsonError(e);
            return false;
        }

        if (parsed is null)
        {
            error = OpenAIErrors.Invalid("The request body must be a JSON object.");
            return false;
        }

        error = Validate(parsed);
        if (error is not null)
        {
            return false;
        }

        request = parsed;
        return true;
    }

    /// <summary>Checks what the translation relies on; returns a 400 naming the first offending field, or null.</summary>
    public static OpenAIError? Validate(ChatCompletionRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return OpenAIErrors.Invalid("You must provide a model parameter.", "model");
        }

        if (request.Messages is not { Count: > 0 } messages)
        {
            return OpenAIErrors.Invalid("'messages' must be a non-empty array.", "messages");
        }

        if (request.N is { } n && n != 1)
        {
            return OpenAIErrors.Invalid($"Only n=1 is supported; got n={n}.", "n");
        }

        if (request.ReasoningEffort is { } effort && !Efforts.Contains(effort))
        {
            return OpenAIErrors.Invalid($"Invalid value '{effort}': reasoning_effort must be one of none, minimal, low, medium, high.", "reasoning_effort");
        }

        return ValidateStop(request.Stop)
            ?? ValidateResponseFormat(request.ResponseFormat)
            ?? ValidateTools(request)
            ?? ValidateMessages(messages);
    }

    private static OpenAIError? ValidateStop(JsonNode? stop) => stop switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => null,
        JsonArray a when a.All(s => s is JsonValue sv && sv.GetValueKind() == JsonValueKind.String) => null,
        _ => OpenAIErrors.Invalid("'stop' must be a string or an array of strings.", "stop"),
    };

    private static OpenAIError? ValidateResponseFormat(ResponseFormat? format) => format switch
    {
        null or { Type: "text" or "json_object" } => null,
        { Type: "json_schema", JsonSchema.Schema: JsonObject } => null,
        { Type: "json_schema" } => OpenAIErrors.Invalid("'response_format.json_schema.schema' must be a JSON schema object.", "response_format.json_schema.schema"),
        _ => OpenAIErrors.Invalid($"Invalid value '{format.Type}': response_format.type must be text, json_object or json_schema.", "response_format.type"),
    };

    private static OpenAIError? ValidateTools(ChatCompletionRequest request)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (request.Tools?.Count ?? 0); i++)
        {
            var tool = request.Tools![i];
            if (tool is null)
            {
                return OpenAIErrors.Invalid("A tool must be an object, not null.", $"tools[{i}]");
            }

            if (IsWebSearchTool(tool))
            {
                continue;
            }

            if (tool.Type is not (null or "function"))
            {
                return OpenAIErrors.Invalid($"Unsupported tool type '{tool.Type}'; only function and web_search tools are supported.", $"tools[{i}].type", "unsupported_value");
            }

            if (string.IsNullOrWhiteSpace(tool.Function?.Name))
            {
                return OpenAIErrors.Invalid("A function tool needs a name.", $"tools[{i}].function.name");
            }

            if (tool.Function.Parameters is not (null or JsonObject))
            {
                return OpenAIErrors.Invalid("Function parameters must be a JSON schema object.", $"tools[{i}].function.parameters");
            }

            names.Add(tool.Function.Name);
        }

        if (request.Extra?.TryGetValue("web_search_options", out var options) == true && options.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return OpenAIErrors.Invalid("'web_search_options' must be an object.", "web_search_options");
        }

        switch (request.ToolChoice)
        {
            case null:
                return null;
            case JsonValue v when v.TryGetValue<string>(out var choice):
                return choice is "auto" or "none" or "required"
                    ? null
                    : OpenAIErrors.Invalid($"Invalid value '{choice}': tool_choice must be auto, none, required or a function.", "tool_choice");
            case JsonObject o when (o["function"] as JsonObject)?.TryGetPropertyValue("name", out var nn) == true && nn is JsonValue nv && nv.TryGetValue<string>(out var name):
                return names.Contains(name)
                    ? null
                    : OpenAIErrors.Invalid($"tool_choice names the function '{name}', which is not in tools.", "tool_choice.function.name");
            default:
                return OpenAIErrors.Invalid("tool_choice must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":…}}.", "tool_choice");
        }
    }

    // Field paths (messages[3].content[1].text) are formatted only when an error names them: a valid request
    // with a long history builds none.
    private static OpenAIError? ValidateMessages(List<ChatMessage> messages)
    {
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message is null)
            {
                return OpenAIErrors.Invalid("A message must be an object.", $"messages[{i}]");
            }

            if (message.Role is null || !Roles.Contains(message.Role))
            {
                return OpenAIErrors.Invalid(
                    $"Invalid role '{message.Role}': must be system, developer, user, assistant or tool.", $"messages[{i}].role");
            }

            var error = message.Role switch
            {
                "user" => ValidateContent(message.Content, i, allowImages: true, required: true),
                "assistant" => ValidateContent(message.Content, i, allowImages: false, required: false)
                    ?? ValidateToolCalls(message.ToolCalls, i, callIds),
                "tool" => ValidateToolMessage(message, i, callIds),
                _ => ValidateContent(message.Content, i, allowImages: false, required: true),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static OpenAIError? ValidateContent(JsonNode? content, int message, bool allowImages, bool required)
    {
        switch (content)
        {
            case null:
                return required ? OpenAIErrors.Invalid("Message content is required.", $"messages[{message}].content") : null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return null;
            case JsonArray parts:
                for (var j = 0; j < parts.Count; j++)
                {
                    if (ValidatePart(parts[j], message, j, allowImages) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            default:
                return OpenAIErrors.Invalid("Message content must be a string or an array of content parts.", $"messages[{message}].content");
        }
    }

    private static OpenAIError? ValidatePart(JsonNode? part, int message, int index, bool allowImages)
    {
        var type = (part as JsonObject)?["type"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : null;
        switch (type)
        {
            case "text" or "refusal":
                var key = type == "text" ? "text" : "refusal";
                return part![key] is JsonValue text && text.GetValueKind() == JsonValueKind.String
                    ? null
                    : OpenAIErrors.Invalid($"A {type} part needs a string '{key}'.", $"messages[{message}].content[{index}].{key}");
            case "image_url" when allowImages:
                var url = part!["image_url"] is JsonObject image && image["url"] is JsonValue uv && uv.TryGetValue<string>(out var u) ? u : null;
                return url is not null && (IsHttpUrl(url) || TryParseDataUrl(url, out _, out _))
                    ? null
                    : OpenAIErrors.Invalid("image_url.url must be an http(s) URL or a base64 data: URL.", $"messages[{message}].content[{index}].image_url.url");
            default:
                return OpenAIErrors.Invalid(
                    $"Unsupported content part type '{type}' here; supported: text{(allowImages ? ", image_url" : "")}.", $"messages[{message}].content[{index}].type");
        }
    }

    private static OpenAIError? ValidateToolCalls(List<ChatToolCall>? calls, int message, HashSet<string> callIds)
    {
        for (var j = 0; j < (calls?.Count ?? 0); j++)
        {
            var call = calls![j];
            if (string.IsNullOrEmpty(call?.Id))
            {
                return OpenAIErrors.Invalid("A tool call needs an id.", $"messages[{message}].tool_calls[{j}].id");
            }

            if (call.Type is not (null or "function"))
            {
                return OpenAIErrors.Invalid($"Unsupported tool call type '{call.Type}'.", $"messages[{message}].tool_calls[{j}].type");
            }

            if (string.IsNullOrEmpty(call.Function?.Name))
            {
                return OpenAIErrors.Invalid("A tool call needs a function name.", $"messages[{message}].tool_calls[{j}].function.name");
            }

            if (!TryParseArguments(call.Function.Arguments, out var args))
            {
                return OpenAIErrors.Invalid(
                    $"The arguments of tool call '{call.Id}' in messages[{message}] are not a valid JSON object.",
                    $"messages[{message}].tool_calls[{j}].function.arguments");
            }

            call.Function.ParsedArguments = args;
            callIds.Add(call.Id);
        }

        return null;
    }

    private static OpenAIError? ValidateToolMessage(ChatMessage message, int index, HashSet<string> callIds)
    {
        if (string.IsNullOrEmpty(message.ToolCallId))
        {
            return OpenAIErrors.Invalid("A tool message needs a tool_call_id.", $"messages[{index}].tool_call_id");
        }

        if (!callIds.Contains(message.ToolCallId))
        {
            return OpenAIErrors.Invalid(
                $"tool_call_id '{message.ToolCallId}' does not match any earlier assistant tool call.", $"messages[{index}].tool_call_id");
        }

        return ValidateContent(message.Content, index, allowImages: false, required: true);
    }

    /// <summary>Arguments as an object: a JSON text (empty means <c>{}</c>) or an object given directly.</summary>
    internal static bool TryParseArguments(JsonNode? arguments, [NotNullWhen(true)] out JsonObject? args)
    {
        args = null;
        switch (arguments)
        {
            case null:
                args = [];
                return true;
            case JsonObject o:
                args = (JsonObject)o.DeepClone();
                return true;
            case JsonValue v when v.TryGetValue<string>(out var text):
                if (string.IsNullOrWhiteSpace(text))
                {
                    args = [];
                    return true;
                }

                try
                {
                    args = JsonNode.Parse(text) as JsonObject;
                    return args is not null;
                }
                catch (JsonException)
                {
                    return false;
                }

            default:
                return false;
        }
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary><c>data:&lt;mime&gt;;base64,&lt;data&gt;</c> → mime type and the base64 text.</summary>
    internal static bool TryParseDataUrl(string url, [NotNullWhen(true)] out string? mimeType, [NotNullWhen(true)] out string? data)
    {
        mimeType = null;
        data = null;
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var header = url[5..comma];
        const string Base64Suffix = ";base64";
        if (!header.EndsWith(Base64Suffix, StringComparison.OrdinalIgnoreCase) || header.Length == Base64Suffix.Length)
        {
            return false;
        }

        mimeType = header[..^Base64Suffix.Length];
        data = url[(comma + 1)..];
        return data.Length > 0;
    }

    private static OpenAIError DescribeJsonError(JsonException e)
    {
        var path = e.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return OpenAIErrors.Invalid("The request body is not a valid JSON object.");
        }

        var param = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return OpenAIErrors.Invalid($"Invalid type or value for '{param}'.", param);
    }
}
