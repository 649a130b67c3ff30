using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Anthropic;

/// <summary>
/// Upstream SSE events → the Anthropic event sequence: message_start (input usage from the first event),
/// ping, the content-block events, message_delta (stop_reason, final usage), message_stop. Event names go
/// in <see cref="SseItem{T}.EventType"/>; the data is the event JSON. Format with <c>SseFormatter</c>.
/// A failure while reading the upstream propagates; the endpoint then sends
/// <see cref="AnthropicErrors.StreamError(int, string)"/> and closes.
/// </summary>
internal static partial class AnthropicTranslator
{
    public static async IAsyncEnumerable<SseItem<string>> FromUpstreamStreamAsync(
        IAsyncEnumerable<UpstreamResponseEnvelope> upstream,
        TranslationContext ctx,
        string requestedModel,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(ctx);

        var assembler = new AnthropicBlockAssembler(ctx);
        var events = new List<StreamEvent>();
        var started = false;
        UsageMetadata? usage = null;
        string? finishReason = null;

        await foreach (var envelope in upstream.WithCancellation(cancellationToken))
        {
            if (envelope.Response is not { } response)
            {
                continue;
            }

            if (!started)
            {
                started = true;
                yield return MessageStart(response.ResponseId, requestedModel, response.UsageMetadata);
                yield return Ping();
            }

            usage = response.UsageMetadata ?? usage;
            var candidate = response.Candidates is { Count: > 0 } candidates ? candidates[0] : null;
            finishReason = candidate?.FinishReason ?? finishReason;
            foreach (var part in candidate?.Content?.Parts ?? [])
            {
                assembler.Add(part, events);
            }

            if (WebSearchGrounding.Read(candidate?.GroundingMetadata) is { } grounding)
            {
                assembler.AddGrounding(grounding, events);
            }

            foreach (var e in events)
            {
                yield return Item(e);
            }

            events.Clear();
        }

        if (!started)
        {
            yield return MessageStart(null, requestedModel, null);
            yield return Ping();
        }

        assembler.Finish(events);
        foreach (var e in events)
        {
            yield return Item(e);
        }

        var messageDelta = new MessageDeltaEvent
        {
            Delta = new MessageDeltaBody { StopReason = StopReason(assembler.SawToolUse, finishReason) },
            Usage = Usage(usage, assembler.WebSearches),
        };
        yield return new SseItem<string>(
            JsonSerializer.Serialize(messageDelta, AnthropicJsonContext.Output.MessageDeltaEvent), "message_delta");
        yield return Item(new StreamEvent { Type = "message_stop" });
    }

    private static SseItem<string> MessageStart(string? responseId, string requestedModel, UsageMetadata? usage)
    {
        var message = new MessagesResponse
        {
            Id = AnthropicIds.MessageId(responseId),
            Model = requestedModel,
            Usage = Usage(usage) with { OutputTokens = 0 },
        };
        return Item(new StreamEvent { Type = "message_start", Message = message });
    }

    private static SseItem<string> Ping() => Item(new StreamEvent { Type = "ping" });

    private static SseItem<string> Item(StreamEvent e) =>
        new(JsonSerializer.Serialize(e, AnthropicJsonContext.Output.StreamEvent), e.Type);
}
