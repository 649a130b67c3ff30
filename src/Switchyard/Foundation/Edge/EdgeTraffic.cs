namespace Switchyard.Foundation.Edge;

/// <summary>Requests in flight and started since start, counted at the edge (for idle detection). Thread-safe.</summary>
internal sealed class EdgeTraffic
{
    private long _inFlight;
    private long _started;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public long Started => Interlocked.Read(ref _started);

    public void Begin()
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _inFlight);
    }

    public void End() => Interlocked.Decrement(ref _inFlight);
}
