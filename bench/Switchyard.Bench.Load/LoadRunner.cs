namespace Switchyard.Bench.Load;

/// <summary>
/// A closed loop: N workers, each sending its next request as soon as the last one's body has been read to
/// the end. Latency runs from before SendAsync to the last body byte; first byte is the first body bytes read.
/// </summary>
internal static class LoadRunner
{
    private static readonly TimeProvider s_clock = TimeProvider.System;

    /// <summary>Runs until <paramref name="duration"/> has passed or <paramref name="maxRequests"/> have completed.</summary>
    public static async Task<CellResult> RunAsync(
        HttpClient client, Func<int, RequestSpec> pick, int concurrency, TimeSpan duration, int maxRequests = int.MaxValue,
        Action<int>? onCompleted = null)
    {
        var started = s_clock.GetTimestamp();
        var issued = 0;
        var completed = 0;
        var errors = 0;
        string? firstError = null;
        var latencies = new List<double>[concurrency];
        var firstBytes = new List<double>[concurrency];

        async Task WorkerAsync(int worker)
        {
            var buffer = new byte[16 * 1024];
            var lat = latencies[worker] = new List<double>(4096);
            var fb = firstBytes[worker] = new List<double>(4096);
            while (true)
            {
                var index = Interlocked.Increment(ref issued) - 1;
                if (index >= maxRequests || s_clock.GetElapsedTime(started) >= duration)
                {
                    return;
                }

                var t0 = s_clock.GetTimestamp();
                double firstByte = double.NaN;
                var ok = false;
                try
                {
                    using var request = pick(index).Create();
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    var total = 0;
                    var firstLength = 0;
                    int n;
                    while ((n = await body.ReadAsync(buffer)) > 0)
                    {
                        if (total == 0)
                        {
                            firstByte = s_clock.GetElapsedTime(t0).TotalMilliseconds;
                            firstLength = n;
                        }

                        total += n;
                    }

                    ok = response.IsSuccessStatusCode && total > 0;
                    if (!ok && firstError is null)
                    {
                        firstError = $"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(buffer, 0, Math.Min(firstLength, 300))}";
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                {
                    firstError ??= ex.GetType().Name + ": " + ex.Message;
                }

                var elapsed = s_clock.GetElapsedTime(t0).TotalMilliseconds;
                if (ok)
                {
                    lat.Add(elapsed);
                    fb.Add(double.IsNaN(firstByte) ? elapsed : firstByte);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }

                var done = Interlocked.Increment(ref completed);
                onCompleted?.Invoke(done);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w))));
        var seconds = s_clock.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        var first = firstBytes.SelectMany(l => l).ToArray();
        Array.Sort(all);
        Array.Sort(first);
        return new CellResult
        {
            Requests = completed - errors,
            Errors = errors,
            Seconds = seconds,
            Latency = all,
            FirstByte = first,
            FirstError = firstError,
        };
    }

    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = 512,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
}
