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
        var parser = SseParser.Create(body);
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(item.Data) || item.Data == "[DONE]")
            {
                continue;
            }

            if (JsonSerializer.Deserialize(item.Data, UpstreamJsonContext.Default.UpstreamResponseEnvelope) is { } envelope)
            {
                yield return envelope;
            }
        }
    }
}
