using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Switchyard.Bench.Load;

// Usage: dotnet Switchyard.Bench.Load.dll --gateway .../switchyard.dll --emulator .../Switchyard.Emulator.dll [--out file.md]
//   [--seconds 4] [--warmup 1] [--jit-warmup 24] [--concurrency 1,16,64] [--soak 100000] [--pool-seconds 6] [--protocols anthropic,openai,gemini]
//   [--peer http://127.0.0.1:PORT]  (an antigravity-claude-proxy already pointed at the same emulator; see bench/run.sh)
//   [--burst 300 [--burst-mb 2] [--burst-concurrency 300] [--burst-settle 60]]  (only the burst memory benchmark; see bench/burst.sh)
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var clock = TimeProvider.System;
var began = clock.GetTimestamp();
var log = Console.Out;
await log.WriteLineAsync($"Starting the emulator and the gateway ({options.Accounts} accounts) in {options.WorkDir}");
using var stack = await BenchStack.StartAsync(options, log);
if (options.BurstRequests > 0)
{
    return await Burst.RunAsync(stack, options, log);
}

using var client = LoadRunner.CreateClient();
var gatewayPid = stack.Gateway.Id;
var emulatorPid = stack.Emulator.Id;
await log.WriteLineAsync($"Gateway PID {gatewayPid} at {stack.GatewayUrl}, emulator PID {emulatorPid} at {stack.EmulatorUrl}");
long served = 0;
var memory = new List<MemoryPoint>();

await Task.Delay(TimeSpan.FromSeconds(2), clock);
memory.Add(await GatewayRuntime.MemoryAsync(client, stack.GatewayUrl, gatewayPid, "idle, accounts loaded, no request yet", 0));

var workloads = new List<Workload>();
foreach (var protocol in options.Protocols)
{
    foreach (var stream in new[] { false, true })
    {
        workloads.Add(await Workloads.ProbeAsync(stack, client, protocol, stream));
        served++;
    }
}

// Settle the JIT: every workload, gateway and direct, at concurrency 16 in turn; counted as served, not measured.
if (options.JitWarmupSeconds > 0)
{
    var each = TimeSpan.FromSeconds(options.JitWarmupSeconds / (2 * workloads.Count));
    foreach (var workload in workloads)
    {
        var w = await LoadRunner.RunAsync(client, _ => workload.Gateway, 16, each);
        served += w.Requests + w.Errors;
        await LoadRunner.RunAsync(client, _ => workload.Direct, 16, each);
    }

    await log.WriteLineAsync(FormattableString.Invariant($"JIT warm-up: {options.JitWarmupSeconds:F0} s over every workload, {served:N0} requests through the gateway"));
}

var cell = TimeSpan.FromSeconds(options.CellSeconds);
var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);

async Task<CellResult> MeasureAsync(RequestSpec spec, int concurrency, int pid, bool throughGateway, TimeSpan? duration = null)
{
    if (warmup > TimeSpan.Zero)
    {
        var w = await LoadRunner.RunAsync(client, _ => spec, concurrency, warmup);
        if (throughGateway)
        {
            served += w.Requests + w.Errors;
        }
    }

    var before = throughGateway ? await GatewayRuntime.ReadAsync(client, stack.GatewayUrl) : null;
    var cpu = ProcStats.CpuSeconds(pid);
    var result = await LoadRunner.RunAsync(client, _ => spec, concurrency, duration ?? cell);
    result.ServerCpuSeconds = ProcStats.CpuSeconds(pid) - cpu;
    if (before is not null)
    {
        var after = await GatewayRuntime.ReadAsync(client, stack.GatewayUrl);
        result.GatewayAllocatedBytes = GatewayRuntime.Delta(before, after, "dotnet_gc_allocated_bytes_total");
        result.GatewayJitMethods = GatewayRuntime.Delta(before, after, "dotnet_jit_compiled_methods_total");
        result.GatewayGcPauseSeconds = GatewayRuntime.Delta(before, after, "dotnet_gc_pause_time_seconds_total");
        served += result.Requests + result.Errors;
    }

    return result;
}

var matrix = new List<MatrixRow>();
foreach (var workload in workloads)
{
    foreach (var concurrency in options.Concurrency)
    {
        var gateway = await MeasureAsync(workload.Gateway, concurrency, gatewayPid, throughGateway: true);
        var direct = await MeasureAsync(workload.Direct, concurrency, emulatorPid, throughGateway: false);
        var row = new MatrixRow(workload, concurrency, gateway, direct);
        matrix.Add(row);
        await log.WriteLineAsync(FormattableString.Invariant(
            $"{workload.Label,-22} c={concurrency,-3} gateway {gateway.Throughput,8:F0} req/s p50 {gateway.P(0.5),6:F2} ms p99 {gateway.P(0.99),6:F2} ms | direct {direct.Throughput,8:F0} req/s p50 {direct.P(0.5),6:F2} ms p99 {direct.P(0.99),6:F2} ms | errors {gateway.Errors}/{direct.Errors}{FirstError(gateway, direct)} | gateway CPU {gateway.CpuMicrosPerRequest:F0} µs/req, {gateway.GatewayJitMethods:F0} methods JIT-compiled, {gateway.GatewayGcPauseSeconds * 1000:F0} ms GC pause"));
    }
}

memory.Add(await GatewayRuntime.MemoryAsync(client, stack.GatewayUrl, gatewayPid, "after the throughput matrix", served));

// Soak: every gateway workload in turn until SoakRequests more have been served; memory every tenth.
var soakTrend = new ConcurrentQueue<MemoryPoint>();
var servedBeforeSoak = served;
var step = Math.Max(1, options.SoakRequests / 10);
soakTrend.Enqueue(new("soak start", served, ProcStats.RssMb(gatewayPid)));
await log.WriteLineAsync($"Soak: {options.SoakRequests:N0} requests at concurrency 16, all six gateway workloads in turn");
var soakCpu = ProcStats.CpuSeconds(gatewayPid);
var soakBefore = await GatewayRuntime.ReadAsync(client, stack.GatewayUrl);
var soak = await LoadRunner.RunAsync(
    client, i => workloads[i % workloads.Count].Gateway, 16, TimeSpan.FromMinutes(5), options.SoakRequests,
    done =>
    {
        if (done % step == 0)
        {
            soakTrend.Enqueue(new($"soak +{done:N0}", servedBeforeSoak + done, ProcStats.RssMb(gatewayPid)));
        }
    });
soak.ServerCpuSeconds = ProcStats.CpuSeconds(gatewayPid) - soakCpu;
soak.GatewayAllocatedBytes = GatewayRuntime.Delta(soakBefore, await GatewayRuntime.ReadAsync(client, stack.GatewayUrl), "dotnet_gc_allocated_bytes_total");
served += soak.Requests + soak.Errors;
memory.Add(await GatewayRuntime.MemoryAsync(client, stack.GatewayUrl, gatewayPid, $"right after {options.SoakRequests:N0} more requests", served));
await Task.Delay(TimeSpan.FromSeconds(5), clock);
memory.Add(await GatewayRuntime.MemoryAsync(client, stack.GatewayUrl, gatewayPid, "5 s idle after the soak", served));
await log.WriteLineAsync(FormattableString.Invariant($"Soak: {soak.Throughput:F0} req/s, {soak.Errors} errors, RSS {memory[^1].RssMb:F1} MB"));

var anthropic = workloads.FirstOrDefault(w => w is { Protocol: "anthropic", Stream: false });

// Optional peer: the same Anthropic workload through antigravity-claude-proxy (before the pool run, whose injected
// quota exhaustion would leave the peer's account without quota).
var peer = new List<(int, CellResult, CellResult)>();
using var peerProcess = options.PeerScript is { } script && anthropic is not null ? await Peer.StartAsync(script, stack, anthropic, options, log) : null;
var peerUrl = peerProcess is not null ? peerProcess.Url : options.PeerUrl;
if (peerUrl is not null && anthropic is not null)
{
    var spec = Workloads.Gateway(new Uri(peerUrl + "/"), "anthropic", stream: false, Peer.Model(anthropic));
    foreach (var concurrency in options.Concurrency)
    {
        var result = await MeasureAsync(spec, concurrency, pid: emulatorPid, throughGateway: false);
        var ours = matrix.First(r => r.Workload == anthropic && r.Concurrency == concurrency).Gateway;
        peer.Add((concurrency, result, ours));
        await log.WriteLineAsync(FormattableString.Invariant($"Peer c={concurrency}: {result.Throughput:F0} req/s p50 {result.P(0.5):F2} ms, errors {result.Errors}{FirstError(result)}"));
    }
}

// Pool under failure: one account always rate-limited, one out of quota, 5 % of the rest's calls rate-limited.
PoolRun? pool = null;
if (anthropic is not null && options.PoolSeconds > 0 && options.Accounts >= 3)
{
    var emails = stack.Emails;
    var scenario = $"{options.Accounts} accounts: {emails[0]} always 429 (retryDelay 60s), {emails[1]} quota exhausted (reset 1h), 5 % of every other content call 429 (retryDelay 1s)";
    await log.WriteLineAsync("Pool: " + scenario);
    var baseline = matrix.FirstOrDefault(r => r.Workload == anthropic && r.Concurrency == 16)?.Gateway
        ?? await MeasureAsync(anthropic.Gateway, 16, gatewayPid, throughGateway: true);
    await stack.ControlAsync(HttpMethod.Post, "faults", new JsonArray(
        new JsonObject
        {
            ["id"] = "bench-dead",
            ["match"] = new JsonObject { ["rpc"] = "*enerateContent", ["email"] = emails[0] },
            ["action"] = new JsonObject { ["type"] = "rateLimit", ["retryDelay"] = "60s" },
        },
        new JsonObject
        {
            ["id"] = "bench-exhausted",
            ["match"] = new JsonObject { ["rpc"] = "*enerateContent", ["email"] = emails[1] },
            ["action"] = new JsonObject { ["type"] = "quotaExhausted", ["resetIn"] = "1h" },
        },
        new JsonObject
        {
            ["id"] = "bench-flaky",
            ["match"] = new JsonObject { ["rpc"] = "*enerateContent" },
            ["probability"] = 0.05,
            ["action"] = new JsonObject { ["type"] = "rateLimit", ["retryDelay"] = "1s" },
        }));
    await stack.ControlAsync(HttpMethod.Delete, "requests");
    var faulted = await MeasureAsync(anthropic.Gateway, 16, gatewayPid, throughGateway: true, TimeSpan.FromSeconds(options.PoolSeconds));
    var journal = (await stack.JournalAsync()).Select(e => e!.AsObject()).Where(e => ((string?)e["rpc"])?.EndsWith("enerateContent", StringComparison.Ordinal) == true).ToList();
    await stack.ControlAsync(HttpMethod.Delete, "faults");
    pool = new PoolRun(
        scenario, baseline, faulted, journal.Count,
        journal.Count(e => (int)e["status"]! == 429 && (string?)e["outcome"] != "quota-exhausted" && (string?)e["faultId"] != "bench-exhausted"),
        journal.Count(e => (string?)e["faultId"] == "bench-exhausted"),
        JournalFull: journal.Count >= 19_000);
    await log.WriteLineAsync(FormattableString.Invariant(
        $"Pool: {faulted.Throughput:F0} req/s (baseline {baseline.Throughput:F0}), {faulted.Errors} client errors{FirstError(faulted)}, {journal.Count} content calls"));
}

var results = new BenchResults
{
    Options = options,
    Matrix = matrix,
    Memory = memory,
    SoakTrend = [.. soakTrend.OrderBy(p => p.Served)],
    Soak = soak,
    Pool = pool,
    Peer = peer,
    Served = served,
    GatewayLogLines = stack.Gateway.Lines,
    WallSeconds = clock.GetElapsedTime(began).TotalSeconds,
    Machine = Machine.Describe(),
};
var markdown = Report.Markdown(results);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
await File.WriteAllTextAsync(options.Output, markdown);
await log.WriteLineAsync();
await log.WriteLineAsync(markdown);
await log.WriteLineAsync($"Wrote {options.Output}");
return 0;

static string FirstError(params CellResult[] cells) =>
    cells.Select(c => c.FirstError).FirstOrDefault(e => e is not null) is { } error ? " first: " + error : "";
