using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Switchyard.Admin;

/// <summary>
/// Slows down guessing: each wrong password or key from a client waits before the 401, starting at
/// <see cref="AdminOptions.FailureDelayMilliseconds"/> and doubling per consecutive failure from that client up to
/// <see cref="AdminOptions.MaxFailureDelaySeconds"/>. A success clears the client's count. Waits run on
/// <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
internal sealed class AdminThrottle(IOptionsMonitor<AdminOptions> options, TimeProvider time)
{
    private const int MaxTrackedClients = 10_000;
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    /// <summary>Raised with the delay when a failure starts waiting (tests use it to advance a fake clock).</summary>
    public event Action<TimeSpan>? Delaying;

    public int Failures(string client) => _failures.GetValueOrDefault(client);

    /// <summary>The delay the next failure from <paramref name="client"/> would wait.</summary>
    public TimeSpan NextDelay(string client) => DelayFor(Failures(client) + 1);

    /// <summary>Counts a failure and waits its delay.</summary>
    public async Task FailAsync(string client, CancellationToken cancellationToken)
    {
        if (_failures.Count >= MaxTrackedClients && !_failures.ContainsKey(client))
        {
            _failures.Clear();
        }

        var count = _failures.AddOrUpdate(client, 1, (_, n) => n == int.MaxValue ? n : n + 1);
        var delay = DelayFor(count);
        var wait = delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellationToken) : Task.CompletedTask;
        Delaying?.Invoke(delay);
        await wait;
    }

    public void Succeed(string client) => _failures.TryRemove(client, out _);

    private TimeSpan DelayFor(int failures)
    {
        var o = options.CurrentValue;
        var max = TimeSpan.FromSeconds(o.MaxFailureDelaySeconds);
        var delay = TimeSpan.FromMilliseconds(o.FailureDelayMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)));
        return delay < max ? delay : max;
    }
}
