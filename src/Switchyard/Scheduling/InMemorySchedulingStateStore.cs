using Microsoft.Extensions.Options;

namespace Switchyard.Scheduling;

/// <summary>
/// <see cref="ISchedulingStateStore"/> in process memory. Bindings are bounded twice: a binding unused for
/// <see cref="SchedulingOptions.BindingTtlSeconds"/> expires, and past <see cref="SchedulingOptions.MaxBindings"/>
/// the least recently used one is dropped. Thread-safe: one lock, short critical sections.
/// </summary>
internal sealed class InMemorySchedulingStateStore(TimeProvider time, IOptions<SchedulingOptions> options) : ISchedulingStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Session, string Group), LinkedListNode<Binding>> _bindings = [];
    private readonly LinkedList<Binding> _lru = new();
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string AccountId, long At)> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountUsage> _usage = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.BindingTtlSeconds);
    private readonly int _maxBindings = options.Value.MaxBindings;

    public int BindingCount
    {
        get
        {
            lock (_gate)
            {
                DropExpired(time.GetTimestamp());
                return _bindings.Count;
            }
        }
    }

    public int ClearBindings()
    {
        lock (_gate)
        {
            DropExpired(time.GetTimestamp());
            var count = _bindings.Count;
            _bindings.Clear();
            _lru.Clear();
            return count;
        }
    }

    public string? GetBinding(string sessionKey, string group)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (!_bindings.TryGetValue((sessionKey, group), out var node))
            {
                return null;
            }

            if (time.GetElapsedTime(node.Value.TouchedAt, now) >= _ttl)
            {
                Remove(node);
                return null;
            }

            node.Value.TouchedAt = now;
            _lru.Remove(node);
            _lru.AddFirst(node);
            return node.Value.AccountId;
        }
    }

    public void SetBinding(string sessionKey, string group, string accountId)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (_bindings.TryGetValue((sessionKey, group), out var node))
            {
                node.Value.AccountId = accountId;
                node.Value.TouchedAt = now;
                _lru.Remove(node);
                _lru.AddFirst(node);
                return;
            }

            DropExpired(now);
            while (_bindings.Count >= _maxBindings && _lru.Last is { } oldest)
            {
                Remove(oldest);
            }

            node = _lru.AddFirst(new Binding(sessionKey, group, accountId, now));
            _bindings[(sessionKey, group)] = node;
        }
    }

    public void RemoveBinding(string sessionKey, string group)
    {
        lock (_gate)
        {
            if (_bindings.TryGetValue((sessionKey, group), out var node))
            {
                Remove(node);
            }
        }
    }

    public long Increment(string counter)
    {
        lock (_gate)
        {
            var value = _counters.GetValueOrDefault(counter);
            _counters[counter] = value == long.MaxValue ? 0 : value + 1;
            return value;
        }
    }

    public string? GetCurrent(string scope)
    {
        lock (_gate)
        {
            return _current.TryGetValue(scope, out var current) ? current.AccountId : null;
        }
    }

    public (string AccountId, long At)? GetLastPick(string scope)
    {
        lock (_gate)
        {
            return _current.TryGetValue(scope, out var current) ? current : null;
        }
    }

    public void SetCurrent(string scope, string accountId)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            _current[scope] = (accountId, now);
        }
    }

    public AccountUsage? GetUsage(string accountId)
    {
        lock (_gate)
        {
            return _usage.GetValueOrDefault(accountId);
        }
    }

    public AccountUsage UpdateUsage(string accountId, Func<AccountUsage?, AccountUsage> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            var next = update(_usage.GetValueOrDefault(accountId));
            _usage[accountId] = next;
            return next;
        }
    }

    private void DropExpired(long now)
    {
        while (_lru.Last is { } oldest && time.GetElapsedTime(oldest.Value.TouchedAt, now) >= _ttl)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Binding> node)
    {
        _lru.Remove(node);
        _bindings.Remove((node.Value.Session, node.Value.Group));
    }

    private sealed class Binding(string session, string group, string accountId, long touchedAt)
    {
        public string Session { get; } = session;

        public string Group { get; } = group;

        public string AccountId { get; set; } = accountId;

        public long TouchedAt { get; set; } = touchedAt;
    }
}
