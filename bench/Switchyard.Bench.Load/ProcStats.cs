using System.Globalization;

namespace Switchyard.Bench.Load;

/// <summary>Resident memory and CPU time of a process, read from /proc (Linux only).</summary>
internal static class ProcStats
{
    /// <summary>USER_HZ: the unit of utime and stime in /proc/PID/stat (100 on every Linux this runs on).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>VmRSS in megabytes (MiB).</summary>
    public static double RssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>User plus system CPU time consumed so far, in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }
}
