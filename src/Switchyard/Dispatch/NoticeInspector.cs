using System.Text;
using System.Text.Json;
using Switchyard.Upstream;
using Switchyard.Upstream.Wire;

namespace Switchyard.Dispatch;

/// <summary>
/// Looks at a 2xx answer before anything reaches the client, for a 200 notice in place of the model's answer (the
/// version floor, a retired id: <see cref="UpstreamNotice"/>). A whole answer is read into memory; a stream is read up
/// to the end of its first event. Either way the response is left readable from its first byte (its content swapped
/// for the bytes read, then the rest), so the caller reads it as if untouched.
/// </summary>
internal static class NoticeInspector
{
    /// <summary>A first event longer than this is no notice; the peek stops there.</summary>
    private const int MaxPeekBytes = 64 * 1024;

    public static async Task<UpstreamNotice?> InspectAsync(HttpResponseMessage response, bool stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return stream ? await PeekStreamAsync(response, cancellationToken) : await ReadWholeAsync(response, cancellationToken);
    }

    private static async Task<UpstreamNotice?> ReadWholeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The body is lost: the caller reads an empty one and answers as for any unreadable reply.
            Swap(response, new ByteArrayContent([]));
            return null;
        }

        Swap(response, new ByteArrayContent(bytes));
        return Detect(bytes);
    }

    private static async Task<UpstreamNotice?> PeekStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var inner = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        var end = -1;
        try
        {
            while (buffer.Length < MaxPeekBytes)
            {
                var read = await inner.ReadAsync(chunk, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                end = EventEnd(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                if (end >= 0)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // Left to the stream's reader, which meets the same failure and answers for it.
        }

        var prefix = buffer.ToArray();
        Swap(response, new StreamContent(new PrefixedStream(prefix, inner)));
        var first = end >= 0 ? prefix.AsSpan(0, end) : prefix.AsSpan();
        return Detect(DataOf(first));
    }

    /// <summary>The index just past the blank line that ends the first event, or -1.</summary>
    private static int EventEnd(ReadOnlySpan<byte> bytes)
    {
        var lf = bytes.IndexOf("\n\n"u8);
        var crlf = bytes.IndexOf("\r\n\r\n"u8);
        return lf < 0 ? (crlf < 0 ? -1 : crlf + 4) : crlf < 0 || lf < crlf ? lf + 2 : crlf + 4;
    }

    /// <summary>The joined <c>data:</c> lines of one SSE event.</summary>
    private static byte[] DataOf(ReadOnlySpan<byte> sseEvent)
    {
        var data = new StringBuilder();
        foreach (var line in Encoding.UTF8.GetString(sseEvent).Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(text.AsSpan(5).TrimStart(' ')).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(data.ToString());
    }

    private static UpstreamNotice? Detect(byte[] json)
    {
        if (json.Length == 0 || json.Length > MaxPeekBytes)
        {
            return null;
        }

        try
        {
            return UpstreamNotice.Detect(JsonSerializer.Deserialize(json, UpstreamJsonContext.Default.UpstreamResponseEnvelope));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Swap(HttpResponseMessage response, HttpContent content)
    {
        foreach (var (name, values) in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(name, values);
        }

        response.Content = content;
    }
}
