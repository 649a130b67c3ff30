using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Switchyard.FrontDoors;

/// <summary>
/// Writes a client event stream with <see cref="SseFormatter"/>, flushing after each event. A failure of the
/// source after the stream started becomes the protocol's error event (from <c>onError</c>) and the
/// stream ends cleanly (commit rule: no retry after the first byte). A client disconnect just ends it.
/// </summary>
internal static class SseResponse
{
    public static async Task WriteAsync(HttpContext http, IAsyncEnumerable<SseItem<string>> events, Func<Exception, SseItem<string>> onError)
    {
        await FrontDoor.StartEventStreamAsync(http);
        try
        {
            await SseFormatter.WriteAsync(Guard(events, onError, http.Response.Body, http.RequestAborted), http.Response.Body, http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the upstream call was cancelled with it.
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> Guard(
        IAsyncEnumerable<SseItem<string>> source,
        Func<Exception, SseItem<string>> onError,
        Stream body,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                SseItem<string> item;
                SseItem<string>? failure = null;
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        yield break;
                    }

                    item = enumerator.Current;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = onError(ex);
                    item = default;
                }

                if (failure is { } error)
                {
                    yield return error;
                    yield break;
                }

                yield return item;
                await body.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }
}
