using System.Globalization;

namespace Switchyard.Bench.Load;

/// <summary>Command line of the load harness; every value has a default that fits the ten-minute budget.</summary>
internal sealed record BenchOptions
{
    public required string GatewayDll { get; init; }
    public required string EmulatorDll { get; init; }
    public string Output { get; init; } = "bench/results/latest.md";
    public string WorkDir { get; init; } = Path.Combine(Path.GetTempPath(), "switchyard-bench");
    public double CellSeconds { get; init; } = 4;
    public double WarmupSeconds { get; init; } = 1;

    /// <summary>
    /// Seconds of traffic through every workload (gateway and direct) before the first measured cell, so the
    /// just-in-time compiler's tiering (tier 0, then optimised code with profile guidance) has settled; without
    /// it the first cells measure the compiler, not the gateway.
    /// </summary>
    public double JitWarmupSeconds { get; init; } = 24;
    public int[] Concurrency { get; init; } = [1, 16, 64];
    public int SoakRequests { get; init; } = 100_000;
    public double PoolSeconds { get; init; } = 6;
    public int Accounts { get; init; } = 5;
    public string[] Protocols { get; init; } = ["anthropic", "openai", "gemini"];

    /// <summary>Extra <c>--set Key=Value</c> settings for <c>switchyard serve</c> (default: none, the gateway as shipped).</summary>
    public string[] GatewaySettings { get; init; } = [];

    /// <summary>Extra environment variables (<c>NAME=value</c>) for <c>switchyard serve</c>, e.g. a log level for profiling.</summary>
    public string[] GatewayEnvironment { get; init; } = [];

    /// <summary>A script that runs antigravity-claude-proxy in the foreground (bench/peer/start-peer.sh), or null.</summary>
    public string? PeerScript { get; init; }

    /// <summary>Base URL of an already running antigravity-claude-proxy pointed at the same emulator, or null.</summary>
    public string? PeerUrl { get; init; }

    /// <summary>Above 0: run only the burst memory benchmark (<see cref="Burst"/>) with this many large requests.</summary>
    public int BurstRequests { get; init; }

    public double BurstMegabytes { get; init; } = 2;

    public int BurstConcurrency { get; init; } = 300;

    public int BurstSettleSeconds { get; init; } = 60;

    public static BenchOptions Parse(string[] args)
    {
        string? gateway = null, emulator = null;
        var options = new BenchOptions { GatewayDll = "", EmulatorDll = "" };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            i++;
            options = args[i - 1] switch
            {
                "--gateway" => options with { GatewayDll = gateway = value },
                "--emulator" => options with { EmulatorDll = emulator = value },
                "--out" => options with { Output = value },
                "--work" => options with { WorkDir = value },
                "--seconds" => options with { CellSeconds = Number(value) },
                "--warmup" => options with { WarmupSeconds = Number(value) },
                "--jit-warmup" => options with { JitWarmupSeconds = Number(value) },
                "--concurrency" => options with { Concurrency = value.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() },
                "--soak" => options with { SoakRequests = int.Parse(value, CultureInfo.InvariantCulture) },
                "--pool-seconds" => options with { PoolSeconds = Number(value) },
                "--protocols" => options with { Protocols = value.Split(',') },
                "--gateway-set" => options with { GatewaySettings = [.. options.GatewaySettings, value] },
                "--gateway-env" => options with { GatewayEnvironment = [.. options.GatewayEnvironment, value] },
                "--peer-script" => options with { PeerScript = value },
                "--peer" => options with { PeerUrl = value.TrimEnd('/') },
                "--burst" => options with { BurstRequests = int.Parse(value, CultureInfo.InvariantCulture) },
                "--burst-mb" => options with { BurstMegabytes = Number(value) },
                "--burst-concurrency" => options with { BurstConcurrency = int.Parse(value, CultureInfo.InvariantCulture) },
                "--burst-settle" => options with { BurstSettleSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i - 1]}."),
            };
        }

        if (gateway is null || emulator is null)
        {
            throw new ArgumentException("--gateway path/to/switchyard.dll and --emulator path/to/Switchyard.Emulator.dll are required.");
        }

        return options;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
