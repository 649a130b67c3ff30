namespace Switchyard.Bench.Load;

/// <summary>One matrix cell: the same workload through the gateway and straight at the emulator.</summary>
internal sealed record MatrixRow(Workload Workload, int Concurrency, CellResult Gateway, CellResult Direct);

/// <summary>
/// Gateway resident memory at a point of the run, with how many requests it had served by then, and (when read from
/// the gateway's /metrics) its managed heap after the last collection and the memory the collector had committed.
/// </summary>
internal sealed record MemoryPoint(string Phase, long Served, double RssMb, double HeapMb = double.NaN, double CommittedMb = double.NaN);

/// <summary>The 5-account run with injected rate limits, next to the same workload without faults.</summary>
internal sealed record PoolRun(string Scenario, CellResult Baseline, CellResult Faulted, int ContentCalls, int RateLimited, int QuotaExhausted, bool JournalFull);

internal sealed record BenchResults
{
    public required BenchOptions Options { get; init; }
    public required List<MatrixRow> Matrix { get; init; }
    public required List<MemoryPoint> Memory { get; init; }
    public required List<MemoryPoint> SoakTrend { get; init; }
    public required CellResult Soak { get; init; }
    public PoolRun? Pool { get; init; }
    public List<(int Concurrency, CellResult Peer, CellResult Gateway)> Peer { get; init; } = [];
    public required long Served { get; init; }
    public required int GatewayLogLines { get; init; }
    public required double WallSeconds { get; init; }
    public required string Machine { get; init; }
}
