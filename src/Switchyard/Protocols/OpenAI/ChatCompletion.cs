using System.Text.Json.Serialization;

namespace Switchyard.Protocols.OpenAI;

/// <summary>A non-streamed <c>chat.completion</c>.</summary>
internal sealed record ChatCompletion
{
    public required string Id { get; init; }
    public string Object { get; init; } = "chat.completion";
    public long Created { get; init; }
    public required string Model { get; init; }
    public required List<ChatChoice> Choices { get; init; }
    public ChatUsage? Usage { get; init; }
}

internal sealed record ChatChoice
{
    public int Index { get; init; }
    public required ChatResponseMessage Message { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

internal sealed record ChatResponseMessage
{
    public string Role { get; init; } = "assistant";

    /// <summary>The reply text; null (written as null) when the turn is only tool calls.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Content { get; init; }

    /// <summary>Thinking text, where several OpenAI-compatible clients read it.</summary>
    public string? ReasoningContent { get; init; }
    public List<ChatResponseToolCall>? ToolCalls { get; init; }

    /// <summary>url_citation annotations after a web search.</summary>
    public List<ChatAnnotation>? Annotations { get; init; }
}

/// <summary><c>{type: url_citation, url_citation: {start_index, end_index, url, title}}</c>; indices count characters of the content.</summary>
internal sealed record ChatAnnotation
{
    public string Type { get; init; } = "url_citation";
    public required ChatUrlCitation UrlCitation { get; init; }
}

internal sealed record ChatUrlCitation
{
    public int StartIndex { get; init; }
    public int EndIndex { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
}

internal sealed record ChatResponseToolCall
{
    /// <summary>Position of the call in the turn; written in stream deltas only.</summary>
    public int? Index { get; init; }
    public string? Id { get; init; }
    public string? Type { get; init; }
    public required ChatResponseFunction Function { get; init; }
}

internal sealed record ChatResponseFunction
{
    public string? Name { get; init; }

    /// <summary>The arguments as a JSON text.</summary>
    public string? Arguments { get; init; }
}

internal sealed record ChatUsage
{
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    public int TotalTokens { get; init; }
    public PromptTokensDetails? PromptTokensDetails { get; init; }
    public CompletionTokensDetails? CompletionTokensDetails { get; init; }
}

internal sealed record PromptTokensDetails
{
    public int CachedTokens { get; init; }
}

internal sealed record CompletionTokensDetails
{
    public int ReasoningTokens { get; init; }
}

/// <summary>One streamed <c>chat.completion.chunk</c>.</summary>
internal sealed record ChatCompletionChunk
{
    public required string Id { get; init; }
    public string Object { get; init; } = "chat.completion.chunk";
    public long Created { get; init; }
    public required string Model { get; init; }
    public required List<ChatChunkChoice> Choices { get; init; }
    public ChatUsage? Usage { get; init; }
}

internal sealed record ChatChunkChoice
{
    public int Index { get; init; }
    public required ChatChunkDelta Delta { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

internal sealed record ChatChunkDelta
{
    public string? Role { get; init; }
    public string? Content { get; init; }
    public string? ReasoningContent { get; init; }
    public List<ChatResponseToolCall>? ToolCalls { get; init; }
    public List<ChatAnnotation>? Annotations { get; init; }
}
