using Microsoft.Extensions.Time.Testing;

namespace Switchyard.FunctionalTests;

/// <summary>
/// A fake clock that, while <see cref="SkipWaits"/> is on, jumps forward by the due time of every one-shot timer
/// it creates (a <c>Task.Delay</c> on this clock), so a gateway that waits for a rate limit to pass finishes at
/// once, with every clock reading exactly as if the time had gone by. Periodic timers are left alone.
/// </summary>
internal sealed class WaitSkippingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private long _skipped;

    public bool SkipWaits { get; set; }

    /// <summary>The total time skipped so far.</summary>
    public TimeSpan Skipped => TimeSpan.FromTicks(Interlocked.Read(ref _skipped));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (SkipWaits && period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            // After the caller holds its timer: advancing inside CreateTimer would fire the callback too early.
            ThreadPool.QueueUserWorkItem(_ =>
            {
                Interlocked.Add(ref _skipped, dueTime.Ticks);
                Advance(dueTime);
            });
        }

        return timer;
    }
}
