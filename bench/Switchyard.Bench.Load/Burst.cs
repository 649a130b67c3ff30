using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Switchyard.Bench.Load;

/// <summary>
/// The burst memory benchmark (<c>--burst N</c>): the gateway's resident memory at idle, N requests with a large body
/// each (<c>--burst-mb</c>, 2 by default) sent <c>--burst-concurrency</c> at a time, the peak during the burst, then
/// resident memory every 5 s for <c>--burst-settle</c> seconds (60) of idleness. Target: under 200 MB at the end.
/// </summary>
internal static class Burst
{
    public const double TargetMb = 200;

    public static async Task<int> RunAsync(BenchStack stack, BenchOptions options, TextWriter log)
    {
        var clock = TimeProvider.System;
        var pid = stack.Gateway.Id;
        using var client = LoadRunner.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        await Task.Delay(TimeSpan.FromSeconds(3), clock);
        var idle = ProcStats.RssMb(pid);
        await log.WriteLineAsync(FormattableString.Invariant($"idle: {idle:F0} MB"));

        // One user message of the given size after a directive that makes the emulator answer "ok" at once.
        var padding = new StringBuilder().Insert(0, "lorem ipsum dolor sit amet ", (int)(options.BurstMegabytes * 1024 * 1024 / 27)).ToString();
        var body = Encoding.UTF8.GetBytes($$"""{"model":"gemini-3-flash","max_tokens":16,"messages":[{"role":"user","content":"[[emu:text ok]] {{padding}}"}]}""");
        var statuses = new SortedDictionary<int, int>();
        var peak = idle;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcStats.RssMb(pid));
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), clock, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        var began = clock.GetTimestamp();
        using var gate = new SemaphoreSlim(options.BurstConcurrency);
        var sends = Enumerable.Range(0, options.BurstRequests).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(new Uri(stack.GatewayUrl, "v1/chat/completions"), content);
                await response.Content.ReadAsByteArrayAsync();
                return (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return -1;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        foreach (var status in await Task.WhenAll(sends))
        {
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        var burstSeconds = clock.GetElapsedTime(began).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var afterBurst = ProcStats.RssMb(pid);
        await log.WriteLineAsync(FormattableString.Invariant($"burst: {options.BurstRequests} x {options.BurstMegabytes} MB in {burstSeconds:F1} s, peak {peak:F0} MB, right after {afterBurst:F0} MB"));

        var settle = new List<(int Seconds, double Mb)>();
        for (var s = 5; s <= options.BurstSettleSeconds; s += 5)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), clock);
            settle.Add((s, ProcStats.RssMb(pid)));
            await log.WriteLineAsync(FormattableString.Invariant($"  +{s} s: {settle[^1].Mb:F0} MB"));
        }

        var final = settle.Count > 0 ? settle[^1].Mb : afterBurst;
        var report = new StringBuilder();
        report.AppendLine("# Burst memory");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()}");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{options.BurstRequests} requests of {options.BurstMegabytes} MB (OpenAI chat completions, gemini-3-flash), {options.BurstConcurrency} at a time, then {options.BurstSettleSeconds} s idle. Gateway settings: {(options.GatewaySettings.Length == 0 ? "as shipped" : string.Join(" ", options.GatewaySettings))}.");
        report.AppendLine();
        report.AppendLine("| point | VmRSS (MB) |");
        report.AppendLine("|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| idle, before | {idle:F0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| peak during the burst ({burstSeconds:F1} s) | {peak:F0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| right after | {afterBurst:F0} |");
        foreach (var (seconds, mb) in settle)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| +{seconds} s | {mb:F0} |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Statuses: {string.Join(", ", statuses.Select(p => $"{p.Key} x {p.Value}"))}. Target after {options.BurstSettleSeconds} s: under {TargetMb:F0} MB: {(final < TargetMb ? "met" : "missed")} ({final:F0} MB).");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        await File.WriteAllTextAsync(options.Output, report.ToString());
        await log.WriteLineAsync(report.ToString());
        return final < TargetMb ? 0 : 1;
    }
}
