using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Switchyard.Protocols.Anthropic;

/// <summary>Decoding and validation: a bad body becomes a message naming the field, never an exception.</summary>
internal static partial class AnthropicTranslator
{
    /// <summary>
    /// Reads and validates a Messages request body. On failure <paramref name="error"/> is a message for a
    /// 400 <c>invalid_request_error</c> (render it with <see cref="AnthropicErrors.InvalidRequest"/>).
    /// </summary>
    public static bool TryRead(
        ReadOnlySpan<byte> utf8Json,
        [NotNullWhen(true)] out MessagesRequest? request,
        [NotNullWhen(false)] out string? error)
    {
        request = null;
        try
        {
            request = JsonSerializer.Deserialize(utf8Json, AnthropicJsonContext.Default.MessagesRequest);
        }
        catch (JsonException ex)
        {
            error = DescribeJsonError(ex);
            return false;
        }

        if (request is null)
        {
            error = "The request body must be a JSON object.";
            return false;
        }

        error = Validate(request);
        if (error is not null)
        {
            request = null;
            return false;
        }

        return true;
    }

    /// <summary>Checks the fields the translation relies on; returns null when the request is usable.</summary>
    public static string? Validate(MessagesRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return "model: Field required";
        }

        if (request.MaxTokens is null)
        {
            return "max_tokens: Field required";
        }

        if (request.MaxTokens <= 0)
        {
            return "max_tokens: Input should be greater than or equal to 1";
        }

        if (request.Messages is null)
        {
            return "messages: Field required";
        }

        if (!request.Messages.Exists(m => m is not null && m.Role is "user" or "assistant"))
        {
            return "messages: at least one user or assistant message is required";
        }

        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i];
            if (message is null)
            {
                return $"messages.{i}: Input should be an object";
            }

            if (message.Role is not ("user" or "assistant" or "system"))
            {
                return message.Role is null
                    ? $"messages.{i}.role: Field required"
                    : $"messages.{i}.role: Input should be 'user', 'assistant' or 'system'";
            }

            if (message.Content is null)
            {
                if (message.Role == "system")
                {
                    continue;
                }

                return $"messages.{i}.content: Field required";
            }

            for (var j = 0; j < message.Content.Count; j++)
            {
                if (ValidateBlock(message.Content[j], $"messages.{i}.content.{j}") is { } blockError)
                {
                    return blockError;
                }
            }
        }

        if (request.Tools is { } tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                if (string.IsNullOrEmpty(tools[i]?.Name))
                {
                    return $"tools.{i}.name: Field required";
                }
            }
        }

        if (request.ToolChoice is { Type: "tool", Name: null or "" })
        {
            return "tool_choice.name: Field required";
        }

        return null;
    }

    private static string? ValidateBlock(ContentBlock? block, string path)
    {
        if (block is null)
        {
            return $"{path}: Input should be an object";
        }

        return block.Type switch
        {
            null => $"{path}.type: Field required",
            "text" when block.Text is null => $"{path}.text: Field required",
            "image" or "document" when block.Source is null => $"{path}.source: Field required",
            "tool_use" when string.IsNullOrEmpty(block.Id) => $"{path}.id: Field required",
            "tool_use" when string.IsNullOrEmpty(block.Name) => $"{path}.name: Field required",
            "tool_result" when string.IsNullOrEmpty(block.ToolUseId) => $"{path}.tool_use_id: Field required",
            "tool_result" => ValidateToolResultContent(block.Content, path),
            _ => null,
        };
    }

    private static string? ValidateToolResultContent(List<ContentBlock>? content, string path)
    {
        if (content is null)
        {
            return null;
        }

        for (var k = 0; k < content.Count; k++)
        {
            if (ValidateBlock(content[k], $"{path}.content.{k}") is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string DescribeJsonError(JsonException ex)
    {
        var field = FieldName(ex.Path);
        if (ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return $"{field}: Input has the wrong type";
        }

        if (ex.Message.StartsWith("Expected a string or an array", StringComparison.Ordinal))
        {
            return $"{field}: Input should be a string or an array of content blocks";
        }

        return field == "body"
            ? "The request body is not valid JSON."
            : $"The request body is not valid JSON (near {field}).";
    }

    /// <summary><c>$.messages[0].content</c> → <c>messages.0.content</c> (Anthropic's field notation).</summary>
    private static string FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return name.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
    }
}
