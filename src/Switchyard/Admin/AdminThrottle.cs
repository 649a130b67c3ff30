using Microsoft.Extensions.Options;

namespace Switchyard.Admin;

/// <summary>
/// Slows down guessing the admin password or key for every client together, so a guesser gains nothing by spreading
/// over addresses. Checks run one at a time (so at most one PBKDF2 hash is computed at any moment, and a login storm
/// costs one core at most, never the LLM traffic's share); after N consecutive failures the next check first waits
/// <see cref="AdminOptions.FailureDelayMilliseconds"/> × 2^(N−1), up to <see cref="AdminOptions.MaxFailureDelaySeconds"/>,
/// and only then hashes. At most <see cref="MaxWaiting"/> checks wait; more are answered at once as busy. A success,
/// or <see cref="QuietReset"/> without a failure, clears the count. Waits run on <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
internal sealed class AdminThrottle(IOptionsMonitor<AdminOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>Checks allowed to wait for their turn; beyond this a check is refused without waiting.</summary>
    public const int MaxWaiting = 16;

    /// <summary>How long without a failure clears the count.</summary>
    public static readonly TimeSpan QuietReset = TimeSpan.FromMinutes(15);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private int _failures;
    private int _waiting;
    private DateTimeOffset _lastFailure;

    /// <summary>Raised with the delay when a check starts waiting (tests use it to advance a fake clock).</summary>
    public event Action<TimeSpan>? Delaying;

    /// <summary>Consecutive failures counted now (from every client).</summary>
    public int Failures
    {
        get
        {
            lock (_gate)
            {
                return CurrentFailures();
            }
        }
    }

    /// <summary>The wait before the next check runs.</summary>
    public TimeSpan NextDelay => DelayFor(Failures);

    /// <summary>
    /// Runs <paramref name="check"/> in turn, after the delay the failures so far earned, and counts its outcome.
    /// <see cref="AdminCheck.Busy"/> (without running it) when <see cref="MaxWaiting"/> checks already wait.
    /// </summary>
    public async Task<AdminCheck> CheckAsync(Func<bool> check, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return AdminCheck.Busy;
        }

        try
        {
            await _turn.WaitAsync(cancellationToken);
            try
            {
                var delay = NextDelay;
                if (delay > TimeSpan.Zero)
                {
                    var wait = Task.Delay(delay, time, cancellationToken);
                    Delaying?.Invoke(delay);
                    await wait;
                }

                var passed = check();
                lock (_gate)
                {
                    if (passed)
                    {
                        _failures = 0;
                    }
                    else
                    {
                        _failures = CurrentFailures() == int.MaxValue ? int.MaxValue : CurrentFailures() + 1;
                        _lastFailure = time.GetUtcNow();
                    }
                }

                return passed ? AdminCheck.Passed : AdminCheck.Failed;
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _turn.Dispose();

    private int CurrentFailures() => _failures > 0 && time.GetUtcNow() - _lastFailure >= QuietReset ? 0 : _failures;

    private TimeSpan DelayFor(int failures)
    {
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var o = options.CurrentValue;
        var max = TimeSpan.FromSeconds(o.MaxFailureDelaySeconds);
        var delay = TimeSpan.FromMilliseconds(o.FailureDelayMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)));
        return delay < max ? delay : max;
    }
}
