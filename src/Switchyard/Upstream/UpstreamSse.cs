using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Switchyard.Upstream.Wire;

namespace Switchyard.Upstream;

/// <summary>The upstream's <c>alt=sse</c> body as envelopes. A malformed event throws <see cref="JsonException"/>.</summary>
internal static class UpstreamSse
{
    public static async IAsyncEnumerable<UpstreamResponseEnvelope> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Each event's data is read as UTF-8 straight from the parser's buffer: no string per event.
        var parser = SseParser.Create(body, static (_, data) => Parse(data));
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            if (item.Data is { } envelope)
            {
                yield return envelope;
            }
        }
    }

    private static UpstreamResponseEnvelope? Parse(ReadOnlySpan<byte> data)
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        return trimmed.IsEmpty || trimmed.SequenceEqual("[DONE]"u8)
            ? null
            : JsonSerializer.Deserialize(trimmed, UpstreamJsonContext.Default.UpstreamResponseEnvelope);
    }
}
