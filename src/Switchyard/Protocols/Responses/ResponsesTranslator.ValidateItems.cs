using Switchyard.Protocols.OpenAI;

namespace Switchyard.Protocols.Responses;

internal static partial class ResponsesTranslator
{
    private static readonly string[] SupportedItemTypes =
    [
        "message", "reasoning", "function_call", "function_call_output", "custom_tool_call", "custom_tool_call_output",
        "additional_tools", "web_search_call", "image_generation_call",
    ];

    // Field paths (input[3].content[1].text) are formatted only when an error names them.
    private static OpenAIError? ValidateItems(ResponsesRequest request, ResponsesOptions options)
    {
        var items = request.Input ?? [];
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null)
            {
                return ResponsesErrors.Invalid("An input item must be an object.", $"input[{i}]");
            }

            // A message may leave out its type (the "easy" input message {role, content}).
            var type = item.Type ?? (item.Role is not null ? "message" : null);
            item.Type = type;
            var error = type switch
            {
                "message" => ValidateMessage(item, i),
                "reasoning" => ValidateReasoning(item, i, options.Sealer),
                "function_call" => ValidateCall(item, i, callIds),
                "custom_tool_call" => ValidateCall(item, i, callIds),
                "function_call_output" or "custom_tool_call_output" => ValidateOutput(item, i, callIds),
                "additional_tools" or "web_search_call" or "image_generation_call" => null,
                "item_reference" => ResponsesErrors.Unsupported(
                    "Item references need stored responses, which this gateway does not keep; send the items themselves.", $"input[{i}].type"),
                null => ResponsesErrors.Invalid("An input item needs a type.", $"input[{i}].type"),
                _ => ResponsesErrors.Unsupported(
                    $"Unsupported input item type '{type}'. Supported: {string.Join(", ", SupportedItemTypes)}.", $"input[{i}].type"),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static OpenAIError? ValidateMessage(ResponseInputItem item, int index)
    {
        if (item.Role is not ("user" or "assistant" or "system" or "developer"))
        {
            return ResponsesErrors.Invalid(
                $"Invalid role '{item.Role}': must be user, assistant, system or developer.", $"input[{index}].role");
        }

        if (item.Content is null)
        {
            return ResponsesErrors.Invalid("A message needs content.", $"input[{index}].content");
        }

        var assistant = item.Role == "assistant";
        for (var j = 0; j < item.Content.Count; j++)
        {
            if (ValidatePart(item.Content[j], $"input[{index}].content[{j}]", assistant) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>A content part: text kinds need text; images and files need data this gateway can send (no file ids).</summary>
    private static OpenAIError? ValidatePart(ResponseContentPart? part, string path, bool assistant)
    {
        switch (part?.Type)
        {
            case "input_text" or "output_text":
                return part.Text is not null ? null : ResponsesErrors.Invalid($"A {part.Type} part needs 'text'.", path + ".text");
            case "refusal" when assistant:
                return part.Refusal is not null ? null : ResponsesErrors.Invalid("A refusal part needs 'refusal'.", path + ".refusal");
            case "input_image" when !assistant:
                if (part.FileId is not null && part.ImageUrl is null)
                {
                    return ResponsesErrors.Unsupported("File ids are not supported (there is no files API here); send image_url as a data: or https URL.", path + ".file_id");
                }

                return part.ImageUrl is { } url && (IsHttpUrl(url) || OpenAITranslator.TryParseDataUrl(url, out _, out _))
                    ? null
                    : ResponsesErrors.Invalid("image_url must be an http(s) URL or a base64 data: URL.", path + ".image_url");
            case "input_file" when !assistant:
                if (part.FileData is { Length: > 0 } data)
                {
                    return OpenAITranslator.TryParseDataUrl(data, out _, out _) || MimeFromName(part.Filename) is not null
                        ? null
                        : ResponsesErrors.Invalid("file_data needs a data: URL or a filename with a known extension.", path + ".filename");
                }

                if (part.FileUrl is { } fileUrl)
                {
                    return IsHttpUrl(fileUrl) ? null : ResponsesErrors.Invalid("file_url must be an http(s) URL.", path + ".file_url");
                }

                return ResponsesErrors.Unsupported("Only file_data or file_url are supported (there is no files API here).", path + (part.FileId is null ? "" : ".file_id"));
            default:
                var allowed = assistant ? "output_text, refusal" : "input_text, input_image, input_file";
                return ResponsesErrors.Unsupported($"Unsupported content part type '{part?.Type}' here; supported: {allowed}.", path + ".type");
        }
    }

    private static OpenAIError? ValidateReasoning(ResponseInputItem item, int index, ReasoningSealer sealer)
    {
        switch (sealer.Open(item.EncryptedContent, out var opened))
        {
            case SealState.Opened:
                item.Sealed = opened;
                return null;
            case SealState.Invalid:
                return ResponsesErrors.Invalid(
                    $"The encrypted content of reasoning item '{item.Id}' could not be verified; send it back exactly as received.",
                    $"input[{index}].encrypted_content",
                    "invalid_encrypted_content");
            default:
                // Absent, or sealed by someone else (another provider, or this gateway before a key change): not used.
                return null;
        }
    }

    private static OpenAIError? ValidateCall(ResponseInputItem item, int index, HashSet<string> callIds)
    {
        if (string.IsNullOrEmpty(item.CallId))
        {
            return ResponsesErrors.Invalid("A tool call needs a call_id.", $"input[{index}].call_id");
        }

        if (string.IsNullOrEmpty(item.Name))
        {
            return ResponsesErrors.Invalid("A tool call needs a name.", $"input[{index}].name");
        }

        if (item.Type == "function_call")
        {
            if (!OpenAITranslator.TryParseArguments(item.Arguments is null ? null : System.Text.Json.Nodes.JsonValue.Create(item.Arguments), out var args))
            {
                return ResponsesErrors.Invalid(
                    $"The arguments of function call '{item.CallId}' are not a valid JSON object.", $"input[{index}].arguments");
            }

            item.ParsedArguments = args;
        }

        callIds.Add(item.CallId);
        return null;
    }

    private static OpenAIError? ValidateOutput(ResponseInputItem item, int index, HashSet<string> callIds)
    {
        if (string.IsNullOrEmpty(item.CallId))
        {
            return ResponsesErrors.Invalid("A tool output needs a call_id.", $"input[{index}].call_id");
        }

        if (!callIds.Contains(item.CallId))
        {
            return ResponsesErrors.Invalid($"No tool call found for output with call_id '{item.CallId}'.", $"input[{index}].call_id");
        }

        for (var j = 0; j < (item.Output?.Count ?? 0); j++)
        {
            if (ValidatePart(item.Output![j], $"input[{index}].output[{j}]", assistant: false) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The mime type for a file name's extension, for the kinds the upstream reads; null when unknown.</summary>
    internal static string? MimeFromName(string? name) => Path.GetExtension(name ?? "").ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".txt" => "text/plain",
        ".md" => "text/markdown",
        ".csv" => "text/csv",
        ".html" => "text/html",
        ".json" => "application/json",
        _ => null,
    };
}
