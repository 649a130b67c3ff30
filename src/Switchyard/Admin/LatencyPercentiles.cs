namespace Switchyard.Admin;

/// <summary>Latency percentiles of one time bucket: the bucket's start, how many requests, and p50, p90, p99 in ms.</summary>
internal sealed record LatencyPoint(DateTimeOffset Time, int Requests, double P50, double P90, double P99);

/// <summary>The latency series of a range (<c>GET /admin/api/stats/latency</c>); <see cref="Truncated"/> when only the newest rows were read.</summary>
internal sealed record LatencyView(DateTimeOffset From, DateTimeOffset To, int BucketSeconds, IReadOnlyList<LatencyPoint> Points, bool Truncated);

/// <summary>Nearest-rank percentiles of request latencies grouped into fixed time buckets. Pure.</summary>
internal static class LatencyPercentiles
{
    /// <summary>Buckets aligned to <paramref name="from"/>; empty buckets are left out; points in time order.</summary>
    public static IReadOnlyList<LatencyPoint> Compute(IEnumerable<(DateTimeOffset At, double LatencyMs)> samples, DateTimeOffset from, TimeSpan bucket)
    {
        return [.. samples
            .GroupBy(s => (s.At - from).Ticks / bucket.Ticks)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var sorted = g.Select(s => s.LatencyMs).Order().ToArray();
                return new LatencyPoint(from + TimeSpan.FromTicks(g.Key * bucket.Ticks), sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99));
            })];
    }

    /// <summary>The nearest-rank percentile of an ascending, non-empty array.</summary>
    public static double Rank(double[] sorted, double p)
    {
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
