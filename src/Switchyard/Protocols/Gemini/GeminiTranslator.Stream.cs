using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Gemini;

internal static partial class GeminiTranslator
{
    /// <summary>
    /// Upstream events → public <c>streamGenerateContent?alt=sse</c> data events: one per upstream event, the
    /// <c>response</c> unwrapped as in <see cref="FromUpstream"/>, no <c>[DONE]</c> (the stream just ends). A
    /// failure propagates; the caller renders <see cref="GeminiErrors.ToStreamEvent"/> and closes.
    /// </summary>
    public static async IAsyncEnumerable<SseItem<string>> FromUpstreamStreamAsync(
        IAsyncEnumerable<UpstreamResponseEnvelope> events,
        TranslationContext ctx,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var recorder = new GeminiThinkingRecorder(ctx);
        await foreach (var upstream in events.WithCancellation(cancellationToken))
        {
            if (upstream.Response is null)
            {
                continue;
            }

            recorder.Observe(upstream.Response);
            yield return new SseItem<string>(ToJson(Unwrap(upstream, ctx)));
        }
    }
}
