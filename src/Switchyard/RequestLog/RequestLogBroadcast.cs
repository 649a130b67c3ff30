using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Switchyard.RequestLog;

/// <summary>
/// The live feed: every finished request's summary goes to each current subscriber's own bounded queue (when a
/// subscriber falls behind, its oldest events are dropped; nobody else waits). Thread-safe.
/// </summary>
internal sealed class RequestLogBroadcast(IOptions<RequestLogOptions> options) : IRequestSink
{
    private readonly Lock _gate = new();
    private readonly List<Channel<RequestSummary>> _subscribers = [];

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public void Record(RequestTrace trace)
    {
        Channel<RequestSummary>[] targets;
        lock (_gate)
        {
            if (_subscribers.Count == 0)
            {
                return;
            }

            targets = [.. _subscribers];
        }

        var summary = RequestRecord.From(trace).ToSummary();
        foreach (var target in targets)
        {
            target.Writer.TryWrite(summary);
        }
    }

    /// <summary>Summaries of requests that finish from now on, until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<RequestSummary> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Subscribe();
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            Unsubscribe(channel);
        }
    }

    public Channel<RequestSummary> Subscribe()
    {
        var channel = Channel.CreateBounded<RequestSummary>(new BoundedChannelOptions(options.Value.LiveBufferPerSubscriber)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<RequestSummary> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }
}
