using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Gemini;

internal static partial class GeminiTranslator
{
    /// <summary>Reads (snake_case folded into camelCase) and validates a generateContent body.</summary>
    public static bool TryParse(
        ReadOnlySpan<byte> body,
        [NotNullWhen(true)] out GenerateContentRequest? request,
        [NotNullWhen(false)] out GeminiError? error)
    {
        request = null;
        if (!TryRead(body, GeminiJsonContext.Default.GenerateContentRequest, out var parsed, out error))
        {
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

    /// <summary>Reads and validates a countTokens body: <c>{contents}</c> or <c>{generateContentRequest}</c>.</summary>
    public static bool TryParseCountTokens(
        ReadOnlySpan<byte> body,
        [NotNullWhen(true)] out CountTokensRequest? request,
        [NotNullWhen(false)] out GeminiError? error)
    {
        request = null;
        if (!TryRead(body, GeminiJsonContext.Default.CountTokensRequest, out var parsed, out error))
        {
            return false;
        }

        var inner = parsed.GenerateContentRequest ?? new GenerateContentRequest { Contents = parsed.Contents };
        error = Validate(inner, parsed.GenerateContentRequest is null ? "" : "generateContentRequest.");
        if (error is not null)
        {
            return false;
        }

        request = parsed;
        return true;
    }

    /// <summary>Checks what the translation relies on; a 400 naming the first offending field, or null.</summary>
    public static GeminiError? Validate(GenerateContentRequest request) => Validate(request, "");

    private static GeminiError? Validate(GenerateContentRequest request, string prefix)
    {
        if (request.Contents is not { Count: > 0 } contents)
        {
            return GeminiErrors.Invalid($"* GenerateContentRequest.{prefix}contents: contents is not specified");
        }

        // Field paths are formatted only when an error names them: a valid request builds none.
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is not { } content)
            {
                return GeminiErrors.Invalid($"* GenerateContentRequest.{prefix}contents[{i}]: must be an object");
            }

            if (content.Role is not (null or "user" or "model" or "function"))
            {
                return GeminiErrors.Invalid($"* GenerateContentRequest.{prefix}contents[{i}].role: must be user or model, got '{content.Role}'");
            }

            if (ValidateParts(content, prefix, i) is { } error)
            {
                return error;
            }
        }

        if (request.SystemInstruction is { } system && ValidateParts(system, prefix, -1) is { } systemError)
        {
            return systemError;
        }

        var tools = request.Tools ?? [];
        for (var t = 0; t < tools.Count; t++)
        {
            var declarations = tools[t]?.FunctionDeclarations ?? [];
            for (var d = 0; d < declarations.Count; d++)
            {
                if (string.IsNullOrWhiteSpace(declarations[d]?.Name))
                {
                    return GeminiErrors.Invalid($"* GenerateContentRequest.{prefix}tools[{t}].function_declarations[{d}].name: Name cannot be empty.");
                }
            }
        }

        return null;
    }

    /// <summary>The parts of <c>contents[index]</c>, or of <c>systemInstruction</c> when index is -1.</summary>
    private static GeminiError? ValidateParts(Content content, string prefix, int index)
    {
        string At() => index < 0 ? $"{prefix}systemInstruction" : $"{prefix}contents[{index}]";

        if (content.Parts is not { Count: > 0 } parts)
        {
            return GeminiErrors.Invalid($"* GenerateContentRequest.{At()}.parts: contents.parts must not be empty.");
        }

        for (var j = 0; j < parts.Count; j++)
        {
            var part = parts[j];
            var empty = part is null || (part.Text is null && part.FunctionCall is null && part.FunctionResponse is null
                && part.InlineData is null && part.FileData is null && part.ExecutableCode is null
                && part.CodeExecutionResult is null && part.Extra is not { Count: > 0 });
            if (empty)
            {
                return GeminiErrors.Invalid($"* GenerateContentRequest.{At()}.parts[{j}].data: required oneof field 'data' must have one initialized field");
            }

            if (part!.FunctionCall is { } call && string.IsNullOrWhiteSpace(call.Name))
            {
                return GeminiErrors.Invalid($"* GenerateContentRequest.{At()}.parts[{j}].function_call.name: Name cannot be empty.");
            }

            if (part.FunctionResponse is { } response && string.IsNullOrWhiteSpace(response.Name))
            {
                return GeminiErrors.Invalid($"* GenerateContentRequest.{At()}.parts[{j}].function_response.name: Name cannot be empty.");
            }
        }

        return null;
    }

    private static bool TryRead<T>(
        ReadOnlySpan<byte> body,
        JsonTypeInfo<T> typeInfo,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out GeminiError? error)
        where T : class
    {
        value = null;
        error = null;
        bool snakeCase;
        try
        {
            if (!GeminiJsonNames.TryScan(body, out snakeCase))
            {
                error = GeminiErrors.Invalid("Invalid JSON payload received. The body must be a JSON object.");
                return false;
            }
        }
        catch (JsonException)
        {
            error = GeminiErrors.Invalid("Invalid JSON payload received. The body is not valid JSON.");
            return false;
        }

        try
        {
            // The SDKs send camelCase: read the bytes directly. Only a body with a snake_case name goes through a
            // JsonNode to be folded first.
            if (snakeCase)
            {
                var root = JsonNode.Parse(body);
                GeminiJsonNames.FoldSnakeCase(root);
                value = root.Deserialize(typeInfo);
            }
            else
            {
                value = JsonSerializer.Deserialize(body, typeInfo);
            }
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "(root)";
            error = GeminiErrors.Invalid($"Invalid JSON payload received. Invalid value at '{path}'.");
            return false;
        }
        catch (InvalidOperationException e)
        {
            error = GeminiErrors.Invalid($"Invalid JSON payload received. {e.Message}");
            return false;
        }
        catch (ArgumentException)
        {
            // A JsonObject (the snake_case path) cannot hold the same name twice.
            error = GeminiErrors.Invalid("Invalid JSON payload received. A field name appears twice in one object.");
            return false;
        }

        if (value is null)
        {
            error = GeminiErrors.Invalid("Invalid JSON payload received. The body must be a JSON object.");
            return false;
        }

        return true;
    }
}
