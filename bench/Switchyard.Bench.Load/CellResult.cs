namespace Switchyard.Bench.Load;

/// <summary>What one closed-loop run measured. Latencies are in milliseconds, sorted.</summary>
internal sealed record CellResult
{
    public required int Requests { get; init; }
    public required int Errors { get; init; }
    public required double Seconds { get; init; }
    public required double[] Latency { get; init; }
    public required double[] FirstByte { get; init; }
    public string? FirstError { get; init; }

    /// <summary>CPU seconds the gateway (or, for a direct run, the emulator) used during the run.</summary>
    public double ServerCpuSeconds { get; set; }

    /// <summary>Bytes the gateway allocated on its managed heap during the run (from its /metrics); NaN for direct runs.</summary>
    public double GatewayAllocatedBytes { get; set; } = double.NaN;

    /// <summary>Methods the gateway's JIT compiled during the run (a settled gateway compiles none).</summary>
    public double GatewayJitMethods { get; set; } = double.NaN;

    /// <summary>Seconds the gateway was paused for garbage collection during the run.</summary>
    public double GatewayGcPauseSeconds { get; set; } = double.NaN;

    public double AllocatedKbPerRequest => Requests == 0 ? double.NaN : GatewayAllocatedBytes / 1024 / Requests;

    public double Throughput => Requests / Seconds;

    public double P(double q) => Percentile(Latency, q);

    public double FirstByteP(double q) => Percentile(FirstByte, q);

    public double CpuMicrosPerRequest => Requests == 0 ? double.NaN : ServerCpuSeconds * 1e6 / Requests;

    private static double Percentile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
