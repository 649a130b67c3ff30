using System.Globalization;
using System.Text;

namespace Switchyard.Bench.Load;

/// <summary>The results as markdown: throughput and latency matrix, streaming first byte, memory, CPU, pool, targets.</summary>
internal static class Report
{
    public static string Markdown(BenchResults r)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"# Switchyard load benchmark");
        Line($"");
        Line($"Machine: {r.Machine}. Gateway, emulator (zero model delay) and load generator share these cores.");
        Line($"Run: {r.WallSeconds:F0} s wall; {r.Options.CellSeconds:F0} s per cell after {r.Options.WarmupSeconds:F0} s warm-up, all after a {r.Options.JitWarmupSeconds:F0} s JIT warm-up over every workload; {r.Options.Accounts} accounts; closed loop (each worker sends its next request when the last body has been read).");
        Line($"Gateway: `switchyard serve` as shipped{(r.Options.GatewaySettings.Length == 0 ? "" : " with " + string.Join(", ", r.Options.GatewaySettings.Select(s => "`--set " + s + "`")))}{(r.Options.GatewayEnvironment.Length == 0 ? "" : " with environment " + string.Join(", ", r.Options.GatewayEnvironment.Select(e => "`" + e + "`")))}; only its URLs point at the emulator.");
        Line($"Direct = the exact upstream call the gateway made for that request (path, body, user agent from the emulator's journal) sent straight to the emulator with the account's token.");
        Line($"Added latency = gateway percentile minus direct percentile at the same concurrency. CPU = gateway process user+system time per request (direct: emulator's).");
        Line($"");
        Line($"## Throughput and latency");
        Line($"");
        Line($"| workload | conc. | gateway req/s | direct req/s | gateway/direct | gateway p50 / p99 ms | direct p50 / p99 ms | added p50 / p99 ms | gateway CPU µs/req | direct CPU µs/req | gateway KB allocated/req | errors gw/direct |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in r.Matrix)
        {
            var (g, d) = (row.Gateway, row.Direct);
            Line($"| {row.Workload.Label} | {row.Concurrency} | {g.Throughput:F0} | {d.Throughput:F0} | {g.Throughput / d.Throughput:P0} | {g.P(0.5):F2} / {g.P(0.99):F2} | {d.P(0.5):F2} / {d.P(0.99):F2} | {g.P(0.5) - d.P(0.5):F2} / {g.P(0.99) - d.P(0.99):F2} | {g.CpuMicrosPerRequest:F0} | {d.CpuMicrosPerRequest:F0} | {g.AllocatedKbPerRequest:F1} | {g.Errors}/{d.Errors} |");
        }

        Line($"");
        Line($"## Streaming: time to first body byte");
        Line($"");
        Line($"| workload | conc. | gateway TTFB p50 / p99 ms | direct TTFB p50 / p99 ms | overhead p50 / p99 ms |");
        Line($"|---|---:|---:|---:|---:|");
        foreach (var row in r.Matrix.Where(m => m.Workload.Stream))
        {
            var (g, d) = (row.Gateway, row.Direct);
            Line($"| {row.Workload.Label} | {row.Concurrency} | {g.FirstByteP(0.5):F2} / {g.FirstByteP(0.99):F2} | {d.FirstByteP(0.5):F2} / {d.FirstByteP(0.99):F2} | {g.FirstByteP(0.5) - d.FirstByteP(0.5):F2} / {g.FirstByteP(0.99) - d.FirstByteP(0.99):F2} |");
        }

        Line($"");
        Line($"## Gateway memory (VmRSS; managed heap and GC-committed memory from the gateway's /metrics)");
        Line($"");
        Line($"| when | requests served | RSS MB | managed heap MB | GC committed MB |");
        Line($"|---|---:|---:|---:|---:|");
        foreach (var point in r.Memory)
        {
            Line($"| {point.Phase} | {point.Served:N0} | {point.RssMb:F1} | {point.HeapMb:F1} | {point.CommittedMb:F1} |");
        }

        var slope = Slope(r.SoakTrend);
        Line($"");
        Line($"Soak ({r.Soak.Requests + r.Soak.Errors:N0} requests, all six gateway workloads in turn, concurrency 16): {r.Soak.Throughput:F0} req/s, {r.Soak.Errors} errors, gateway CPU {r.Soak.CpuMicrosPerRequest:F0} µs/request, {r.Soak.AllocatedKbPerRequest:F1} KB allocated/request.");
        Line($"RSS during the soak: {string.Join(" → ", r.SoakTrend.Select(p => p.RssMb.ToString("F0", CultureInfo.InvariantCulture)))} MB; linear trend {slope * 100_000:+0.0;-0.0} MB per 100,000 requests (first half {Slope(r.SoakTrend.Take((r.SoakTrend.Count + 1) / 2).ToList()) * 100_000:+0.0;-0.0}, second half {Slope(r.SoakTrend.Skip(r.SoakTrend.Count / 2).ToList()) * 100_000:+0.0;-0.0}).");
        Line($"Gateway console output: {r.GatewayLogLines} lines for {r.Served:N0} requests.");

        if (r.Pool is { } pool)
        {
            Line($"");
            Line($"## Pool under failure");
            Line($"");
            Line($"{pool.Scenario}. Anthropic non-stream, concurrency 16, {pool.Faulted.Seconds:F0} s.");
            Line($"");
            Line($"| run | req/s | p50 / p99 ms | client errors | gateway CPU µs/req | upstream content calls per client request |");
            Line($"|---|---:|---:|---:|---:|---:|");
            Line($"| no faults (matrix cell) | {pool.Baseline.Throughput:F0} | {pool.Baseline.P(0.5):F2} / {pool.Baseline.P(0.99):F2} | {pool.Baseline.Errors} | {pool.Baseline.CpuMicrosPerRequest:F0} | 1 |");
            var perRequest = (double)pool.ContentCalls / Math.Max(1, pool.Faulted.Requests + pool.Faulted.Errors);
            Line($"| faults injected | {pool.Faulted.Throughput:F0} | {pool.Faulted.P(0.5):F2} / {pool.Faulted.P(0.99):F2} | {pool.Faulted.Errors} | {pool.Faulted.CpuMicrosPerRequest:F0} | {(pool.JournalFull ? "≥ " : "")}{perRequest:F2} ({pool.RateLimited} rate-limited, {pool.QuotaExhausted} quota-exhausted answers) |");
            if (pool.Faulted.FirstError is { } error)
            {
                Line($"");
                Line($"First client error: `{error.ReplaceLineEndings(" ")}`");
            }
        }

        if (r.Peer.Count > 0)
        {
            Line($"");
            Line($"## antigravity-claude-proxy 2.0.4 (same emulator, same Anthropic non-stream request; the peer is asked for the upstream model id, since it does not map claude-sonnet-4-5)");
            Line($"");
            Line($"| conc. | peer req/s | peer p50 / p99 ms | Switchyard req/s | ratio | peer errors |");
            Line($"|---:|---:|---:|---:|---:|---:|");
            foreach (var (concurrency, p, ours) in r.Peer)
            {
                Line($"| {concurrency} | {p.Throughput:F0} | {p.P(0.5):F2} / {p.P(0.99):F2} | {ours.Throughput:F0} | {ours.Throughput / p.Throughput:F1}× | {p.Errors} |");
            }
        }

        Line($"");
        Line($"## Targets");
        Line($"");
        Line($"| target | measured | met |");
        Line($"|---|---|---|");
        var nonStream = r.Matrix.Where(m => !m.Workload.Stream).ToList();
        if (nonStream.Count > 0)
        {
            var best = nonStream.MaxBy(m => m.Gateway.Throughput)!;
            var worstBest = nonStream.GroupBy(m => m.Workload.Protocol).Select(g => g.MaxBy(m => m.Gateway.Throughput)!).MinBy(m => m.Gateway.Throughput)!;
            Line($"| non-streaming ≥ 5,000 req/s | best {best.Gateway.Throughput:F0} ({best.Workload.Protocol}, c={best.Concurrency}); lowest protocol best {worstBest.Gateway.Throughput:F0} ({worstBest.Workload.Protocol}) | {Met(worstBest.Gateway.Throughput >= 5000)} |");
            foreach (var row in nonStream.Where(m => m.Concurrency == 16))
            {
                var p50 = row.Gateway.P(0.5) - row.Direct.P(0.5);
                var p99 = row.Gateway.P(0.99) - row.Direct.P(0.99);
                Line($"| added latency at c=16, {row.Workload.Protocol}: p50 ≤ 1 ms, p99 ≤ 5 ms | p50 {p50:F2} ms, p99 {p99:F2} ms | {Met(p50 <= 1 && p99 <= 5)} |");
            }
        }

        foreach (var row in r.Matrix.Where(m => m.Workload.Stream && m.Concurrency == 16))
        {
            var overhead = row.Gateway.FirstByteP(0.5) - row.Direct.FirstByteP(0.5);
            Line($"| streaming TTFB overhead p50 ≤ 2 ms at c=16, {row.Workload.Protocol} | {overhead:F2} ms | {Met(overhead <= 2)} |");
        }

        var after = r.Memory[^2];
        Line($"| ≤ 120 MB RSS after 100,000 requests, flat | {after.RssMb:F1} MB after {after.Served:N0}; trend {slope * 100_000:+0.0;-0.0} MB/100k | {Met(after.RssMb <= 120 && Math.Abs(slope * 100_000) <= 5)} |");
        if (r.Peer.FirstOrDefault(p => p.Concurrency == 16) is { Peer: not null } peer16)
        {
            var ratio = peer16.Gateway.Throughput / peer16.Peer.Throughput;
            Line($"| ≥ 8× antigravity-claude-proxy (Anthropic, c=16) | {ratio:F1}× | {Met(ratio >= 8)} |");
        }
        else
        {
            Line($"| ≥ 8× antigravity-claude-proxy | not measured in this run (see BENCHMARKS.md) | – |");
        }

        // A cell with no successful request has no percentiles or CPU per request.
        return md.Replace("NaN", "–").ToString();
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    /// <summary>Least-squares slope of RSS (MB) over requests served.</summary>
    private static double Slope(IReadOnlyList<MemoryPoint> points)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        var mx = points.Average(p => (double)p.Served);
        var my = points.Average(p => p.RssMb);
        var num = points.Sum(p => (p.Served - mx) * (p.RssMb - my));
        var den = points.Sum(p => (p.Served - mx) * (p.Served - mx));
        return den == 0 ? 0 : num / den;
    }
}
