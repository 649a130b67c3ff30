using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Anthropic;

/// <summary>
/// Upstream response → Anthropic Message. Stop reason: <c>tool_use</c> when any functionCall came back,
/// <c>max_tokens</c> for MAX_TOKENS, <c>refusal</c> for the safety finishes, else <c>end_turn</c>. The
/// upstream does not say which stop sequence matched, so <c>stop_sequence</c> stays null.
/// Usage: input = promptTokenCount − cachedContentTokenCount, output = candidates + thoughts,
/// cache_read_input_tokens = cachedContentTokenCount when reported.
/// </summary>
internal static partial class AnthropicTranslator
{
    public static MessagesResponse FromUpstream(UpstreamResponseEnvelope envelope, TranslationContext ctx, string requestedModel) =>
        FromUpstream(envelope.Response ?? new GenerateContentResponse(), ctx, requestedModel);

    public static MessagesResponse FromUpstream(GenerateContentResponse response, TranslationContext ctx, string requestedModel) =>
        FromUpstream([response], ctx, requestedModel);

    /// <summary>
    /// Several upstream replies as one message, in order: the rounds of a response with the gateway's own web search
    /// (each search's results between them as grounding). Stop reason and usage come from the last reply.
    /// </summary>
    public static MessagesResponse FromUpstream(IReadOnlyList<GenerateContentResponse> responses, TranslationContext ctx, string requestedModel)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(ctx);

        var assembler = new AnthropicBlockAssembler(ctx);
        var events = new List<StreamEvent>();
        string? finishReason = null;
        UsageMetadata? usage = null;
        foreach (var response in responses)
        {
            var candidate = response.Candidates is { Count: > 0 } candidates ? candidates[0] : null;
            finishReason = candidate?.FinishReason ?? finishReason;
            usage = response.UsageMetadata ?? usage;
            foreach (var part in candidate?.Content?.Parts ?? [])
            {
                assembler.Add(part, events);
            }

            if (WebSearchGrounding.Read(candidate?.GroundingMetadata) is { } grounding)
            {
                assembler.AddGrounding(grounding, events);
            }
        }

        assembler.Finish(events);
        var last = responses.Count > 0 ? responses[^1] : new GenerateContentResponse();
        return new MessagesResponse
        {
            Id = AnthropicIds.MessageId(last.ResponseId),
            Model = requestedModel,
            Content = Fold(events),
            StopReason = StopReason(assembler.SawToolUse, finishReason),
            Usage = Usage(usage, assembler.WebSearches),
        };
    }

    /// <summary>The response body as Anthropic writes it.</summary>
    public static string ToJson(MessagesResponse response) =>
        System.Text.Json.JsonSerializer.Serialize(response, AnthropicJsonContext.Output.MessagesResponse);

    /// <summary>Applies block events to build the finished blocks (what a client SDK does with a stream).</summary>
    private static List<ResponseBlock> Fold(List<StreamEvent> events)
    {
        var blocks = new List<ResponseBlock>();
        StringBuilder? buffer = null;
        foreach (var e in events)
        {
            switch (e.Type)
            {
                case "content_block_start":
                    blocks.Add(e.ContentBlock!);
                    buffer = new StringBuilder();
                    break;
                case "content_block_delta" when e.Delta is { } delta:
                    var last = blocks[^1];
                    blocks[^1] = delta.Type switch
                    {
                        "text_delta" => last with { Text = last.Text + delta.Text },
                        "thinking_delta" => last with { Thinking = last.Thinking + delta.Thinking },
                        "signature_delta" => last with { Signature = delta.Signature },
                        "input_json_delta" => last with { Input = JsonNode.Parse(buffer!.Append(delta.PartialJson).ToString()) },
                        "citations_delta" when delta.Citation is { } citation => last with { Citations = [.. last.Citations ?? [], citation] },
                        _ => last,
                    };
                    break;
            }
        }

        return blocks;
    }

    private static string StopReason(bool sawToolUse, string? finishReason) =>
        sawToolUse ? "tool_use" : finishReason switch
        {
            "MAX_TOKENS" => "max_tokens",
            "SAFETY" or "RECITATION" or "PROHIBITED_CONTENT" or "BLOCKLIST" or "SPII" or "IMAGE_SAFETY" => "refusal",
            _ => "end_turn",
        };

    private static AnthropicUsage Usage(UsageMetadata? usage, int webSearches = 0)
    {
        var cached = usage?.CachedContentTokenCount;
        return new AnthropicUsage
        {
            InputTokens = Math.Max(0, (usage?.PromptTokenCount ?? 0) - (cached ?? 0)),
            OutputTokens = (usage?.CandidatesTokenCount ?? 0) + (usage?.ThoughtsTokenCount ?? 0),
            CacheReadInputTokens = cached,
            ServerToolUse = webSearches > 0 ? new AnthropicServerToolUsage(webSearches) : null,
        };
    }
}
