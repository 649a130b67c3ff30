using System.Text;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.OpenAI;

/// <summary>
/// One assistant turn read from upstream events, for both the streamed and the whole reply: text, thinking,
/// tool calls, finish reason and usage. Remembers signed thinking in <see cref="TranslationContext.Thinking"/>
/// under the turn's first tool call id (Claude: the signed thinking block before it; Gemini: the signature on the
/// call), so the next request of the tool loop can send it back. Not thread-safe; one per response.
/// </summary>
internal sealed class OpenAITurnState(TranslationContext ctx)
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _reasoning = new();
    private readonly StringBuilder _block = new();
    private readonly List<(WebSearchGrounding Grounding, int TextLength)> _groundings = [];
    private SignedThinking? _signed;
    private string? _upstreamFinish;

    public List<ChatResponseToolCall> ToolCalls { get; } = [];

    public UsageMetadata? Usage { get; private set; }

    public string Text => _text.ToString();

    public string Reasoning => _reasoning.ToString();

    /// <summary>Reads one event; returns one delta per non-empty part, in order.</summary>
    public List<ChatChunkDelta> Consume(GenerateContentResponse? response)
    {
        var deltas = new List<ChatChunkDelta>();
        if (response is null)
        {
            return deltas;
        }

        Usage = response.UsageMetadata ?? Usage;
        var candidate = response.Candidates?.FirstOrDefault();
        _upstreamFinish = candidate?.FinishReason ?? _upstreamFinish;
        foreach (var part in candidate?.Content?.Parts ?? [])
        {
            if (Read(part) is { } delta)
            {
                deltas.Add(delta);
            }
        }

        if (WebSearchGrounding.Read(candidate?.GroundingMetadata) is { } grounding)
        {
            _groundings.Add((grounding, _text.Length));
        }

        return deltas;
    }

    /// <summary>
    /// The url_citation annotations of the web searches seen, over the whole text: a supported span where the grounding
    /// names one (the upstream's own search); else, for the gateway's own search, each source over the text written after it.
    /// Null when there was no search.
    /// </summary>
    public List<ChatAnnotation>? Annotations()
    {
        if (_groundings.Count == 0)
        {
            return null;
        }

        var text = _text.ToString();
        var annotations = new List<ChatAnnotation>();
        foreach (var (grounding, at) in _groundings)
        {
            if (grounding.Citations.Count == 0)
            {
                annotations.AddRange(grounding.Sources.Select(s => Annotation(at, text.Length, s)));
                continue;
            }

            var cursor = 0;
            foreach (var citation in grounding.Citations)
            {
                if (WebSearchGrounding.Span(citation, text, ref cursor) is var (start, end))
                {
                    annotations.AddRange(citation.Sources.Select(i => Annotation(start, end, grounding.Sources[i])));
                }
            }
        }

        return annotations;

        static ChatAnnotation Annotation(int start, int end, GroundingSource source) =>
            new() { UrlCitation = new ChatUrlCitation { StartIndex = start, EndIndex = end, Url = source.Url, Title = source.Title } };
    }

    /// <summary>stop, length, tool_calls or content_filter.</summary>
    public string FinishReason => ToolCalls.Count > 0 ? "tool_calls" : _upstreamFinish switch
    {
        "MAX_TOKENS" => "length",
        "SAFETY" or "RECITATION" or "PROHIBITED_CONTENT" or "BLOCKLIST" or "SPII" or "IMAGE_SAFETY" => "content_filter",
        _ => "stop",
    };

    public ChatUsage? OpenAIUsage => Usage is null ? null : ToUsage(Usage);

    public static ChatUsage ToUsage(UsageMetadata usage)
    {
        var prompt = usage.PromptTokenCount ?? 0;
        var thoughts = usage.ThoughtsTokenCount ?? 0;
        var completion = (usage.CandidatesTokenCount ?? 0) + thoughts;
        return new ChatUsage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = usage.TotalTokenCount ?? prompt + completion,
            PromptTokensDetails = new PromptTokensDetails { CachedTokens = usage.CachedContentTokenCount ?? 0 },
            CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = thoughts },
        };
    }

    private ChatChunkDelta? Read(Part part)
    {
        if (part.Thought == true)
        {
            var thought = part.Text ?? "";
            _reasoning.Append(thought);
            _block.Append(thought);
            Sign(part.ThoughtSignature);
            return thought.Length > 0 ? new ChatChunkDelta { ReasoningContent = thought } : null;
        }

        if (part.FunctionCall is { } call)
        {
            return new ChatChunkDelta { ToolCalls = [AddCall(call, part.ThoughtSignature)] };
        }

        if (part.InlineData is { } blob)
        {
            var image = $"![image](data:{blob.MimeType};base64,{blob.Data})";
            _text.Append(image);
            return new ChatChunkDelta { Content = image };
        }

        if (part.Text is { } text)
        {
            if (string.IsNullOrEmpty(text) && _block.Length > 0)
            {
                Sign(part.ThoughtSignature); // a trailing signature on an empty text part signs the thinking before it
            }

            _text.Append(text);
            return text.Length > 0 ? new ChatChunkDelta { Content = text } : null;
        }

        return null;
    }

    private void Sign(string? signature)
    {
        if (!string.IsNullOrEmpty(signature))
        {
            _signed = new SignedThinking(_block.ToString(), signature, ModelFamily.Claude);
            _block.Clear();
            if (ctx.Route.Family == ModelFamily.Claude && ThinkingMemory.LooksReal(signature))
            {
                ctx.Thinking.RememberClaude(null, _signed.Text, signature);
            }
        }
    }

    private ChatResponseToolCall AddCall(FunctionCall call, string? signature)
    {
        var id = string.IsNullOrEmpty(call.Id) ? OpenAITranslator.NewToolCallId() : call.Id;
        if (ToolCalls.Count == 0)
        {
            var family = ctx.Route.Family;
            if (family == ModelFamily.Claude && _signed is not null)
            {
                ctx.Thinking.Remember(id, _signed);
            }
            else if (family == ModelFamily.Gemini && !string.IsNullOrEmpty(signature))
            {
                ctx.Thinking.Remember(id, new SignedThinking("", signature, ModelFamily.Gemini));
            }
        }

        var toolCall = new ChatResponseToolCall
        {
            Index = ToolCalls.Count,
            Id = id,
            Type = "function",
            Function = new ChatResponseFunction { Name = call.Name, Arguments = OpenAITranslator.Serialize(call.Args) },
        };
        ToolCalls.Add(toolCall);
        return toolCall;
    }
}
