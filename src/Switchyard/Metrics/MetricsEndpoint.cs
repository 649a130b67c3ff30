using System.Globalization;
using Switchyard.Accounts;
using Switchyard.Quota;
using Switchyard.RateLimits;
using Switchyard.RequestLog;

namespace Switchyard.Metrics;

/// <summary><c>GET /metrics</c>: the gateway's counters and current state in the Prometheus text format.</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (IServiceProvider services) => Results.Text(Render(services), PrometheusText.ContentType))
            .AddEndpointFilter<MetricsAccess>();
        return app;
    }

    public static string Render(IServiceProvider services)
    {
        var text = new PrometheusText();
        if (services.GetService<GatewayMetrics>() is { } metrics)
        {
            WriteRequests(text, metrics);
        }

        var registry = services.GetService<AccountRegistry>();
        string Email(string id) => registry?.Current.Find(id)?.Email ?? id;

        if (services.GetService<CooldownTracker>() is { } cooldowns)
        {
            var active = cooldowns.Snapshot();
            text.Family("switchyard_cooldowns_active", "gauge", "Cooldowns in force now.");
            text.Sample("switchyard_cooldowns_active", active.Count);
            text.Family("switchyard_cooldown_remaining_seconds", "gauge", "Seconds until a cooling account (per model group and pool) is usable again.");
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            foreach (var c in active)
            {
                text.Sample("switchyard_cooldown_remaining_seconds", Math.Max(0, (c.CoolingUntil - now).TotalSeconds),
                    ("account", Email(c.AccountId)), ("group", c.Group), ("pool", c.Pool), ("kind", c.Kind.ToString()));
            }
        }

        if (services.GetService<QuotaService>() is { } quota && registry is not null)
        {
            text.Family("switchyard_quota_remaining_fraction", "gauge", "Remaining quota fraction (0 to 1) per account and window (gemini-5h, gemini-weekly, 3p-5h, 3p-weekly, image), as last read.");
            foreach (var account in registry.Current.Accounts.OrderBy(a => a.Email, StringComparer.Ordinal))
            {
                foreach (var entry in quota.Entries(account.Id).OrderBy(e => e.Group, StringComparer.Ordinal))
                {
                    text.Sample("switchyard_quota_remaining_fraction", entry.RemainingFraction, ("account", account.Email), ("group", entry.Group));
                }
            }
        }

        if (services.GetService<PromptCacheLedger>() is { } cache)
        {
            text.Family("switchyard_prompt_cache_hit_ratio", "gauge", "Cached prompt tokens divided by prompt tokens per account since start (the upstream's cachedContentTokenCount).");
            foreach (var use in cache.Accounts())
            {
                if (use.HitRate is { } rate)
                {
                    text.Sample("switchyard_prompt_cache_hit_ratio", rate, ("account", use.Key));
                }
            }
        }

        if (services.GetService<RequestLogWriter>() is { } writer)
        {
            text.Family("switchyard_request_log_written_total", "counter", "Finished requests written to the request log.");
            text.Sample("switchyard_request_log_written_total", writer.Written);
            text.Family("switchyard_request_log_dropped_total", "counter", "Finished requests not logged because the writer's queue was full.");
            text.Sample("switchyard_request_log_dropped_total", writer.Dropped);
            text.Family("switchyard_request_log_write_failures_total", "counter", "Finished requests lost because their batch failed to write.");
            text.Sample("switchyard_request_log_write_failures_total", writer.Failed);
            text.Family("switchyard_request_log_queue_depth", "gauge", "Finished requests waiting to be written.");
            text.Sample("switchyard_request_log_queue_depth", writer.QueueDepth);
        }

        if (services.GetService<DataBudget>() is { } budget)
        {
            var status = budget.Current;
            text.Family("switchyard_data_dir_bytes", "gauge", "Bytes the data directory holds, as last measured (every 30 s).");
            text.Sample("switchyard_data_dir_bytes", status.UsedBytes);
            text.Family("switchyard_data_dir_budget_bytes", "gauge", "The data directory's budget (Storage:DataBudgetMegabytes); 0 means none.");
            text.Sample("switchyard_data_dir_budget_bytes", status.BudgetBytes);
        }

        WriteProcess(text);
        return text.ToString();
    }

    /// <summary>The process and the .NET runtime: memory, garbage collection, compiled code, threads, CPU.</summary>
    private static void WriteProcess(PrometheusText text)
    {
        var gc = GC.GetGCMemoryInfo();
        text.Family("process_resident_memory_bytes", "gauge", "Resident set size of the gateway process.");
        text.Sample("process_resident_memory_bytes", Environment.WorkingSet);
        text.Family("process_cpu_seconds_total", "counter", "User and system CPU time of the gateway process.");
        text.Sample("process_cpu_seconds_total", Environment.CpuUsage.TotalTime.TotalSeconds);
        text.Family("dotnet_gc_heap_size_bytes", "gauge", "Managed heap size after the last garbage collection (fragmentation included).");
        text.Sample("dotnet_gc_heap_size_bytes", gc.HeapSizeBytes);
        text.Family("dotnet_gc_committed_bytes", "gauge", "Memory the garbage collector has committed.");
        text.Sample("dotnet_gc_committed_bytes", gc.TotalCommittedBytes);
        text.Family("dotnet_gc_allocated_bytes_total", "counter", "Bytes allocated on the managed heap since the process started.");
        text.Sample("dotnet_gc_allocated_bytes_total", GC.GetTotalAllocatedBytes());
        text.Family("dotnet_gc_collections_total", "counter", "Garbage collections by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            text.Sample("dotnet_gc_collections_total", GC.CollectionCount(generation), ("generation", generation.ToString(CultureInfo.InvariantCulture)));
        }

        text.Family("dotnet_gc_pause_time_seconds_total", "counter", "Time the runtime was paused for garbage collection.");
        text.Sample("dotnet_gc_pause_time_seconds_total", GC.GetTotalPauseDuration().TotalSeconds);
        text.Family("dotnet_jit_compiled_methods_total", "counter", "Methods compiled by the just-in-time compiler (every tier).");
        text.Sample("dotnet_jit_compiled_methods_total", System.Runtime.JitInfo.GetCompiledMethodCount());
        text.Family("dotnet_jit_compiled_il_bytes_total", "counter", "IL bytes compiled by the just-in-time compiler (every tier).");
        text.Sample("dotnet_jit_compiled_il_bytes_total", System.Runtime.JitInfo.GetCompiledILBytes());
        text.Family("dotnet_threadpool_threads", "gauge", "Thread-pool threads now.");
        text.Sample("dotnet_threadpool_threads", ThreadPool.ThreadCount);
    }

    private static void WriteRequests(PrometheusText text, GatewayMetrics metrics)
    {
        var requests = metrics.Requests.ToList();
        text.Family("switchyard_requests_total", "counter", "Finished client requests by protocol, model, account and outcome.");
        foreach (var (labels, series) in requests)
        {
            text.Sample("switchyard_requests_total", series.Read().Count, Labels(labels));
        }

        text.Family("switchyard_request_duration_seconds", "histogram", "Client request latency, from arrival to the end of the response.");
        foreach (var (labels, series) in requests)
        {
            var (count, sum, cumulative) = series.Read();
            var l = Labels(labels);
            for (var i = 0; i < cumulative.Length; i++)
            {
                text.Sample("switchyard_request_duration_seconds_bucket", cumulative[i], [.. l, ("le", GatewayMetrics.LatencyBuckets[i].ToString("R", CultureInfo.InvariantCulture))]);
            }

            text.Sample("switchyard_request_duration_seconds_bucket", count, [.. l, ("le", "+Inf")]);
            text.Sample("switchyard_request_duration_seconds_sum", sum, l);
            text.Sample("switchyard_request_duration_seconds_count", count, l);
        }

        text.Family("switchyard_tokens_total", "counter", "Tokens reported by the upstream, by kind (input, output, thinking, cached).");
        foreach (var ((labels, kind), counter) in metrics.Tokens)
        {
            text.Sample("switchyard_tokens_total", counter.Value, [.. Labels(labels), ("kind", kind)]);
        }

        text.Family("switchyard_upstream_attempts_total", "counter", "Upstream sends by quota pool and outcome (ok or the failure kind).");
        foreach (var ((pool, outcome), counter) in metrics.Attempts)
        {
            text.Sample("switchyard_upstream_attempts_total", counter.Value, ("pool", pool), ("outcome", outcome));
        }
    }

    private static (string, string)[] Labels(GatewayMetrics.RequestLabels l) =>
        [("protocol", l.Protocol), ("model", l.Model), ("account", l.Account), ("outcome", l.Outcome)];
}
