using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Switchyard.Protocols.OpenAI;

namespace Switchyard.Protocols.Responses;

internal static partial class ResponsesTranslator
{
    /// <summary>The include values this door knows; only <c>reasoning.encrypted_content</c> and <c>web_search_call.action.sources</c> change the reply.</summary>
    public static readonly IReadOnlySet<string> KnownIncludes = new HashSet<string>(StringComparer.Ordinal)
    {
        "reasoning.encrypted_content",
        "web_search_call.action.sources",
        "web_search_call.results",
        "message.output_text.logprobs",
        "message.input_image.image_url",
        "code_interpreter_call.outputs",
        "computer_call_output.output.image_url",
        "file_search_call.results",
    };

    private static readonly HashSet<string> Efforts = new(StringComparer.Ordinal) { "none", "minimal", "low", "medium", "high", "xhigh" };
    private static readonly HashSet<string> Summaries = new(StringComparer.Ordinal) { "auto", "concise", "detailed", "none" };

    /// <summary>
    /// Reads and validates a request body. A body that is not JSON, has a field of the wrong type, or fails
    /// <see cref="Validate"/> yields a 400 naming the field; unknown fields are ignored.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> body,
        ResponsesOptions options,
        [NotNullWhen(true)] out ResponsesRequest? request,
        [NotNullWhen(false)] out OpenAIError? error)
    {
        if (!TryRead(body, out request, out error))
        {
            return false;
        }

        error = Validate(request, options);
        if (error is null)
        {
            return true;
        }

        request = null;
        return false;
    }

    /// <summary>
    /// Reads a request body without validating it (the door first expands <c>previous_response_id</c>, then calls
    /// <see cref="Validate"/>). A body that is not a JSON object or has a field of the wrong type yields a 400 naming the field.
    /// </summary>
    public static bool TryRead(
        ReadOnlySpan<byte> body,
        [NotNullWhen(true)] out ResponsesRequest? request,
        [NotNullWhen(false)] out OpenAIError? error)
    {
        request = null;
        try
        {
            request = JsonSerializer.Deserialize(body, ResponsesJsonContext.Default.ResponsesRequest);
        }
        catch (JsonException e)
        {
            error = DescribeJsonError(e);
            return false;
        }

        if (request is null)
        {
            error = ResponsesErrors.Invalid("The request body must be a JSON object.");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// Checks what the translation relies on; returns a 400 naming the first offending field, or null. Also opens each
    /// reasoning item's encrypted content (<see cref="ResponseInputItem.Sealed"/>), parses function call arguments and
    /// builds <see cref="ResponsesRequest.ToolMap"/>.
    /// </summary>
    public static OpenAIError? Validate(ResponsesRequest request, ResponsesOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return ResponsesErrors.Invalid("You must provide a model parameter.", "model");
        }

        return ValidateState(request, options)
            ?? ValidateSettings(request)
            ?? ValidateInclude(request.Include)
            ?? ValidateMetadata(request.Metadata)
            ?? ValidateTools(request)
            ?? ValidateItems(request, options);
    }

    private static OpenAIError? ValidateState(ResponsesRequest request, ResponsesOptions options)
    {
        if (request.Background == true)
        {
            return ResponsesErrors.Unsupported("Background responses are not supported; leave 'background' false.", "background");
        }

        if (request.Conversation is not null)
        {
            return ResponsesErrors.Unsupported("Conversations are not supported; send the whole input with each request.", "conversation");
        }

        if (request.Prompt is not null)
        {
            return ResponsesErrors.Unsupported("Stored prompt templates are not supported; send instructions and input instead.", "prompt");
        }

        if (!options.StoreEnabled && request.Store == true)
        {
            return ResponsesErrors.Unsupported(
                "This gateway does not store responses ('store: true'). Send 'store: false' and the whole input (with include: [\"reasoning.encrypted_content\"] to keep reasoning).",
                "store");
        }

        if (!options.StoreEnabled && !string.IsNullOrEmpty(request.PreviousResponseId))
        {
            return ResponsesErrors.Invalid(
                $"Previous response with id '{request.PreviousResponseId}' not found: this gateway does not store responses. Send the whole input instead.",
                "previous_response_id",
                "previous_response_not_found");
        }

        return request.Input is { Count: > 0 } || !string.IsNullOrEmpty(request.PreviousResponseId)
            ? null
            : ResponsesErrors.Invalid("'input' must be a non-empty string or array of items.", "input");
    }

    private static OpenAIError? ValidateSettings(ResponsesRequest request)
    {
        if (request.Reasoning?.Effort is { } effort && !Efforts.Contains(effort))
        {
            return ResponsesErrors.Invalid($"Invalid value '{effort}': reasoning.effort must be one of none, minimal, low, medium, high, xhigh.", "reasoning.effort");
        }

        foreach (var (value, param) in new[] { (request.Reasoning?.Summary, "reasoning.summary"), (request.Reasoning?.GenerateSummary, "reasoning.generate_summary") })
        {
            if (value is not null && !Summaries.Contains(value))
            {
                return ResponsesErrors.Invalid($"Invalid value '{value}': {param} must be one of auto, concise, detailed.", param);
            }
        }

        if (request.MaxOutputTokens is < 1)
        {
            return ResponsesErrors.Invalid("'max_output_tokens' must be a positive integer.", "max_output_tokens");
        }

        if (request.Temperature is < 0 or > 2)
        {
            return ResponsesErrors.Invalid("'temperature' must be between 0 and 2.", "temperature");
        }

        if (request.TopP is < 0 or > 1)
        {
            return ResponsesErrors.Invalid("'top_p' must be between 0 and 1.", "top_p");
        }

        return request.Text?.Format switch
        {
            null or { Type: "text" or "json_object" } => null,
            { Type: "json_schema", Schema: System.Text.Json.Nodes.JsonObject } => null,
            { Type: "json_schema" } => ResponsesErrors.Invalid("'text.format.schema' must be a JSON schema object.", "text.format.schema"),
            { Type: var type } => ResponsesErrors.Invalid($"Invalid value '{type}': text.format.type must be text, json_object or json_schema.", "text.format.type"),
        };
    }

    private static OpenAIError? ValidateInclude(List<string>? include)
    {
        for (var i = 0; i < (include?.Count ?? 0); i++)
        {
            if (include![i] is not { } value || !KnownIncludes.Contains(value))
            {
                return ResponsesErrors.Invalid(
                    $"Invalid value '{include[i]}' in include. Supported values: {string.Join(", ", KnownIncludes)}.", $"include[{i}]");
            }
        }

        return null;
    }

    private static OpenAIError? ValidateMetadata(Dictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        if (metadata.Count > 16)
        {
            return ResponsesErrors.Invalid("'metadata' holds at most 16 key-value pairs.", "metadata");
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length > 64 || (value?.Length ?? 0) > 512)
            {
                return ResponsesErrors.Invalid("metadata keys are at most 64 characters and values at most 512.", $"metadata.{key}");
            }
        }

        return null;
    }

    private static OpenAIError DescribeJsonError(JsonException e)
    {
        var param = NestedPath.Resolve(e);
        return param.Length == 0
            ? ResponsesErrors.Invalid("The request body is not a valid JSON object.")
            : ResponsesErrors.Invalid($"Invalid type or value for '{param}'.", param);
    }
}
