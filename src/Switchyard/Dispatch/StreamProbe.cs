using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Upstream.Wire;

namespace Switchyard.Dispatch;

/// <summary>
/// Reads an upstream stream up to its first content event before the client's response starts, so a stream that
/// ends (or breaks, or reports an error) with nothing in it can be sent again instead of reaching the client as
/// an empty answer. After that first event the rest is read through <see cref="Guard"/>, which turns an error
/// event or an end without the final event into an <see cref="UpstreamStreamException"/>: the front door then
/// ends the client's stream with the protocol's error event.
/// </summary>
internal static class StreamProbe
{
    /// <summary>The stream from its first content event on, or why there is none.</summary>
    public static async Task<StreamPeek> PeekAsync(Stream body, CancellationToken cancellationToken)
    {
        var enumerator = ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var buffered = new List<UpstreamResponseEnvelope>();
        try
        {
            while (await enumerator.MoveNextAsync())
            {
                var envelope = enumerator.Current;
                if (envelope.Error is { } error)
                {
                    await enumerator.DisposeAsync();
                    return StreamPeek.Failed(error.Status, $"The upstream stream sent an error event before any content (HTTP {error.Status}).", error.Body);
                }

                buffered.Add(envelope.Envelope!);
                if (IsContent(envelope.Envelope!))
                {
                    return StreamPeek.Opened(Guard(Concat(buffered, enumerator, cancellationToken), cancellationToken));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            await enumerator.DisposeAsync();
            return StreamPeek.Failed(502, $"The upstream stream broke before any content ({ex.GetType().Name}).", null);
        }

        await enumerator.DisposeAsync();
        return StreamPeek.Failed(502, "The upstream stream ended before any content.", null);
    }

    /// <summary>An event with a part or a finishReason is content; usage-only and empty events are not.</summary>
    public static bool IsContent(UpstreamResponseEnvelope envelope) =>
        envelope.Response?.Candidates is { } candidates
        && candidates.Exists(c => c.FinishReason is not null || c.Content?.Parts is { Count: > 0 });

    /// <summary>
    /// Passes the events through; throws <see cref="UpstreamStreamException"/> when the stream ends without an event
    /// carrying a finishReason (a truncated stream).
    /// </summary>
    public static async IAsyncEnumerable<UpstreamResponseEnvelope> Guard(
        IAsyncEnumerable<UpstreamResponseEnvelope> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var finished = false;
        await foreach (var envelope in events.WithCancellation(cancellationToken))
        {
            finished |= envelope.Response?.Candidates?.Exists(c => c.FinishReason is not null) == true;
            yield return envelope;
        }

        if (!finished)
        {
            throw new UpstreamStreamException("The upstream stream ended before its final event.");
        }
    }

    private static async IAsyncEnumerable<UpstreamResponseEnvelope> Concat(
        List<UpstreamResponseEnvelope> first,
        IAsyncEnumerator<ProbeEvent> rest,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            foreach (var envelope in first)
            {
                yield return envelope;
            }

            while (await rest.MoveNextAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (rest.Current.Error is { } error)
                {
                    throw new UpstreamStreamException($"The upstream stream sent an error event (HTTP {error.Status}).") { Status = error.Status };
                }

                yield return rest.Current.Envelope!;
            }
        }
        finally
        {
            await rest.DisposeAsync();
        }
    }

    /// <summary>The upstream events, with an <c>{"error": …}</c> event read as such rather than as an empty response.</summary>
    private static async IAsyncEnumerable<ProbeEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var parser = System.Net.ServerSentEvents.SseParser.Create(body);
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(item.Data) || item.Data == "[DONE]")
            {
                continue;
            }

            if (item.Data.Contains("\"error\"", StringComparison.Ordinal) && ErrorOf(item.Data) is { } error)
            {
                yield return new ProbeEvent(null, error);
                continue;
            }

            if (JsonSerializer.Deserialize(item.Data, UpstreamJsonContext.Default.UpstreamResponseEnvelope) is { } envelope)
            {
                yield return new ProbeEvent(envelope, null);
            }
        }
    }

    private static StreamError? ErrorOf(string data)
    {
        try
        {
            if (JsonNode.Parse(data) is JsonObject { } root && root["error"] is JsonObject error)
            {
                var code = error["code"] is JsonValue value && value.TryGetValue<int>(out var c) ? c : 500;
                return new StreamError(code is >= 400 and <= 599 ? code : 500, root.ToJsonString());
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private sealed record StreamError(int Status, string Body);

    private sealed record ProbeEvent(UpstreamResponseEnvelope? Envelope, StreamError? Error);
}
