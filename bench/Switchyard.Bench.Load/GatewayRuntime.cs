using System.Globalization;

namespace Switchyard.Bench.Load;

/// <summary>Reads the runtime figures the gateway publishes on <c>GET /metrics</c> (managed heap, allocations).</summary>
internal static class GatewayRuntime
{
    public static async Task<Dictionary<string, double>> ReadAsync(HttpClient client, Uri gatewayUrl)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var text = await client.GetStringAsync(new Uri(gatewayUrl, "/metrics"));
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("dotnet_", StringComparison.Ordinal) || line.StartsWith("process_", StringComparison.Ordinal))
            {
                var space = line.LastIndexOf(' ');
                var name = line[..space];
                if (!name.Contains('{', StringComparison.Ordinal)
                    && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values[name] = value;
                }
            }
        }

        return values;
    }

    /// <summary>How much a counter grew between two readings (NaN when the gateway does not publish it).</summary>
    public static double Delta(Dictionary<string, double> before, Dictionary<string, double> after, string name) =>
        after.GetValueOrDefault(name, double.NaN) - before.GetValueOrDefault(name, double.NaN);

    public static async Task<MemoryPoint> MemoryAsync(HttpClient client, Uri gatewayUrl, int pid, string phase, long served)
    {
        var rss = ProcStats.RssMb(pid);
        var values = await ReadAsync(client, gatewayUrl);
        const double Mb = 1024 * 1024;
        return new MemoryPoint(phase, served, rss,
            values.GetValueOrDefault("dotnet_gc_heap_size_bytes", double.NaN) / Mb,
            values.GetValueOrDefault("dotnet_gc_committed_bytes", double.NaN) / Mb);
    }
}
