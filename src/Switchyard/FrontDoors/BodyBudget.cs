using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.FrontDoors;

/// <summary>
/// Bounds the request bodies held in memory at once (<see cref="ServerOptions.MaxBufferedBodyBytes"/>), so a burst of
/// large bodies queues instead of growing the heap without limit. A declared length waits its turn, first come
/// first served (one larger than the whole budget takes all of it, alone); a chunked body reserves as it grows and
/// never waits, so two growing bodies cannot hold each other up. Each lease is given back when its request ends.
/// Thread-safe.
/// </summary>
internal sealed class BodyBudget
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Bytes, TaskCompletionSource<Lease> Waiter)> _waiting = new();
    private long _available;

    public BodyBudget(IOptions<ServerOptions> options)
        : this(options.Value.MaxBufferedBodyBytes)
    {
    }

    public BodyBudget(long capacity)
    {
        Capacity = capacity;
        _available = capacity;
    }

    public long Capacity { get; }

    /// <summary>Bytes not reserved now.</summary>
    public long Available
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>Reserves <paramref name="bytes"/> (at most the whole budget), waiting in line when they are not free.</summary>
    public Task<Lease> AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        var wanted = Math.Clamp(bytes, 0, Capacity);
        lock (_gate)
        {
            if (_waiting.Count == 0 && _available >= wanted)
            {
                _available -= wanted;
                return Task.FromResult(new Lease(this, wanted));
            }

            var waiter = new TaskCompletionSource<Lease>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue((wanted, waiter));
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.Register(() =>
                {
                    if (waiter.TrySetCanceled(cancellationToken))
                    {
                        Wake();
                    }
                });
            }

            return waiter.Task;
        }
    }

    /// <summary>An empty lease, to grow as a body of unknown length arrives.</summary>
    public Lease Start() => new(this, 0);

    /// <summary>A lease of <paramref name="bytes"/> now, or null when they are not free (never waits).</summary>
    public Lease? TryAcquire(long bytes)
    {
        lock (_gate)
        {
            if (_waiting.Count > 0 || _available < bytes)
            {
                return null;
            }

            _available -= bytes;
            return new Lease(this, bytes);
        }
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _available += bytes;
        }

        Wake();
    }

    /// <summary>Hands free bytes to waiters in order; a cancelled waiter is skipped.</summary>
    private void Wake()
    {
        List<(TaskCompletionSource<Lease> Waiter, Lease Lease)> granted = [];
        lock (_gate)
        {
            while (_waiting.TryPeek(out var head))
            {
                if (head.Waiter.Task.IsCompleted)
                {
                    _waiting.Dequeue();
                    continue;
                }

                if (_available < head.Bytes)
                {
                    break;
                }

                _waiting.Dequeue();
                _available -= head.Bytes;
                granted.Add((head.Waiter, new Lease(this, head.Bytes)));
            }
        }

        foreach (var (waiter, lease) in granted)
        {
            if (!waiter.TrySetResult(lease))
            {
                lease.Dispose();
            }
        }
    }

    /// <summary>Reserved bytes, given back once on dispose; <see cref="Grow"/> adds to them without waiting.</summary>
    internal sealed class Lease(BodyBudget budget, long bytes) : IDisposable
    {
        private long _bytes = bytes;

        public long Bytes => Interlocked.Read(ref _bytes);

        /// <summary>Adds <paramref name="more"/> bytes to the lease if they are free now.</summary>
        public bool Grow(long more)
        {
            if (budget.TryAcquire(more) is not { } extra)
            {
                return false;
            }

            Interlocked.Add(ref _bytes, extra.Bytes);
            extra.Forget();
            return true;
        }

        public void Dispose()
        {
            var bytes = Interlocked.Exchange(ref _bytes, 0);
            if (bytes > 0)
            {
                budget.Release(bytes);
            }
        }

        private void Forget() => Interlocked.Exchange(ref _bytes, 0);
    }
}
