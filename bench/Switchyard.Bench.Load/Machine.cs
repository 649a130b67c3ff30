using System.Runtime.InteropServices;

namespace Switchyard.Bench.Load;

/// <summary>One line about the machine the numbers come from.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : "0";
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
        return FormattableString.Invariant(
            $"{Environment.ProcessorCount} cores ({cpu}), {long.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024.0:F1} GB RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average at the end: {load}");
    }
}
