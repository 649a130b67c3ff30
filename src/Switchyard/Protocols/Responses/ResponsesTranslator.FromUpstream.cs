using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Responses;

internal static partial class ResponsesTranslator
{
    /// <summary>
    /// The upstream's whole reply as a <c>response</c> object (status completed or incomplete). <paramref name="created"/>
    /// is the caller's clock reading; the model is the name the client asked for.
    /// </summary>
    public static ResponseObject FromUpstream(
        UpstreamResponseEnvelope response, ResponsesRequest request, TranslationContext ctx, ResponsesOptions options, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(response);
        var stream = new ResponsesStream(request, ctx, options, created);
        stream.Start();
        stream.Consume(response.Response);
        stream.Finish();
        return stream.Final!;
    }

    /// <summary>The JSON body for a non-streamed reply.</summary>
    public static string ToJson(ResponseObject response) => ResponsesJsonContext.Write(response);

    /// <summary>
    /// Upstream events → Responses SSE events (<c>event: &lt;type&gt;</c>, <c>data: {type, sequence_number, …}</c>):
    /// response.created, response.in_progress, the items' events, then response.completed or response.incomplete. If
    /// the upstream stream fails, the exception propagates; the caller ends the stream with
    /// <see cref="ResponsesStream.Fail"/> (response.failed, numbered after the last event sent).
    /// </summary>
    public static async IAsyncEnumerable<SseItem<string>> FromUpstreamStreamAsync(
        IAsyncEnumerable<UpstreamResponseEnvelope> events,
        ResponsesStream stream,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var e in stream.Start())
        {
            yield return ResponsesStream.ToSse(e);
        }

        await foreach (var upstream in events.WithCancellation(cancellationToken))
        {
            foreach (var e in stream.Consume(upstream.Response))
            {
                yield return ResponsesStream.ToSse(e);
            }
        }

        foreach (var e in stream.Finish())
        {
            yield return ResponsesStream.ToSse(e);
        }
    }
}
