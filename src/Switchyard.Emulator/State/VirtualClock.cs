namespace Switchyard.Emulator.State;

/// <summary>
/// The emulator's clock: wall time plus an offset that tests move forward (or set outright) through the
/// control API. Every expiry, quota reset and rate-limit window in the emulator reads this clock.
/// Thread-safe.
/// </summary>
public sealed class VirtualClock(TimeProvider wall) : TimeProvider
{
    private long _offsetTicks;

    public VirtualClock() : this(System)
    {
    }

    public override DateTimeOffset GetUtcNow() => wall.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <summary>Moves the clock to <paramref name="now"/>; it may go backwards.</summary>
    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - wall.GetUtcNow()).Ticks);
}
