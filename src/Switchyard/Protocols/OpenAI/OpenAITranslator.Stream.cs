using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.OpenAI;

internal static partial class OpenAITranslator
{
    /// <summary>
    /// Upstream events → <c>chat.completion.chunk</c> data events: a first chunk with <c>delta.role</c>, then one
    /// chunk per non-empty upstream part (content, reasoning_content, or a whole tool call with index, id, type,
    /// name and arguments), a chunk with <c>finish_reason</c>, with <c>stream_options.include_usage</c> a chunk
    /// with <c>choices: []</c> and <c>usage</c>, then <c>[DONE]</c>. If the upstream stream fails, the exception
    /// propagates; the caller renders <see cref="OpenAIErrors.ToStreamEvent"/> and ends the stream.
    /// </summary>
    public static async IAsyncEnumerable<SseItem<string>> FromUpstreamStreamAsync(
        IAsyncEnumerable<UpstreamResponseEnvelope> events,
        ChatCompletionRequest request,
        TranslationContext ctx,
        DateTimeOffset created,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var id = NewCompletionId();
        var stamp = created.ToUnixTimeSeconds();
        var model = ctx.Route.RequestedModel;
        var state = new OpenAITurnState(ctx);

        SseItem<string> Chunk(ChatChunkDelta delta, string? finish = null) => Write(new ChatCompletionChunk
        {
            Id = id,
            Created = stamp,
            Model = model,
            Choices = [new ChatChunkChoice { Index = 0, Delta = delta, FinishReason = finish }],
        });

        yield return Chunk(new ChatChunkDelta { Role = "assistant", Content = "" });
        await foreach (var upstream in events.WithCancellation(cancellationToken))
        {
            foreach (var delta in state.Consume(upstream.Response))
            {
                yield return Chunk(delta);
            }
        }

        if (state.Annotations() is { } annotations)
        {
            yield return Chunk(new ChatChunkDelta { Annotations = annotations });
        }

        yield return Chunk(new ChatChunkDelta(), state.FinishReason);
        if (request.StreamOptions?.IncludeUsage == true)
        {
            yield return Write(new ChatCompletionChunk
            {
                Id = id,
                Created = stamp,
                Model = model,
                Choices = [],
                Usage = state.OpenAIUsage ?? OpenAITurnState.ToUsage(new UsageMetadata()),
            });
        }

        yield return new SseItem<string>("[DONE]");
    }

    private static SseItem<string> Write(ChatCompletionChunk chunk) =>
        new(OpenAIJsonContext.Write(chunk));
}
