using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Emulator;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.Quota;
using Switchyard.Testing;

namespace Switchyard.FunctionalTests.RequestLog;

public sealed class MetricsAndLogFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_AfterRequests_ParsesAndCountersMatchWhatWasSent()
    {
        await using var h = await RequestLogHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await h.PostAsync("v1/messages", RequestLogHarness.Anthropic);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            using var ok = await h.PostAsync("v1/chat/completions", RequestLogHarness.OpenAI);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var bad = await h.PostAsync("v1/messages", "{broken");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await h.FlushAsync(6);
        Assert.Null(await h.App.Services.GetRequiredService<QuotaService>().RefreshAsync(await FirstAccountIdAsync(h), Ct));

        using var response = await h.GetMetricsAsync();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = PrometheusParser.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(3, samples.Sum("switchyard_requests_total", ("protocol", "anthropic"), ("outcome", "ok")));
        Assert.Equal(2, samples.Sum("switchyard_requests_total", ("protocol", "openai"), ("outcome", "ok")));
        Assert.Equal(1, samples.Sum("switchyard_requests_total", ("protocol", "anthropic"), ("outcome", "client_error")));
        Assert.Equal(6, samples.Sum("switchyard_requests_total"));
        Assert.Equal(6, samples.Sum("switchyard_request_duration_seconds_count"));
        Assert.Equal(6, samples.Sum("switchyard_request_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(6, samples.Sum("switchyard_request_log_written_total"));
        Assert.Equal(0, samples.Sum("switchyard_request_log_dropped_total"));
        Assert.Equal(0, samples.Sum("switchyard_request_log_queue_depth"));
        var quota = samples.Where(s => s.Name == "switchyard_quota_remaining_fraction" && s.Labels["account"] == AccountsHarness.Ada).ToList();
        Assert.NotEmpty(quota);
        Assert.All(quota, q => Assert.InRange(q.Value, 0, 1));
    }

    [Fact]
    public async Task Metrics_ClientKeysSet_NeedTheScrapeTokenOrTheAdminsCredentials()
    {
        await using var h = await RequestLogHarness.StartAsync(s => s["Admin:ApiKey"] = "admin-key-0123456789abcdef");

        using var anonymous = await h.Client.GetAsync("metrics", Ct);
        using var withClientKey = await h.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { { "x-api-key", RequestLogHarness.ClientKey } } }, Ct);
        using var withToken = await h.GetMetricsAsync();
        using var withAdminKey = await h.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { { "X-Admin-Key", "admin-key-0123456789abcdef" } } }, Ct);
        var refused = await anonymous.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withClientKey.StatusCode);
        Assert.DoesNotContain(AccountsHarness.Ada, refused, StringComparison.Ordinal);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withAdminKey.StatusCode);
        Assert.Contains("switchyard_requests_total", await withToken.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("switchyard_requests_total", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_DataDirectory_IsReportedAgainstItsBudget()
    {
        await using var h = await RequestLogHarness.StartAsync(s => s["Storage:DataBudgetMegabytes"] = "512");

        using var response = await h.GetMetricsAsync();
        var samples = PrometheusParser.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(512.0 * 1024 * 1024, samples.Sum("switchyard_data_dir_budget_bytes"));
        Assert.True(samples.Sum("switchyard_data_dir_bytes") > 0);
    }

    [Fact]
    public async Task Metrics_ProcessAndRuntime_ReportTheProcessItself()
    {
        await using var h = await RequestLogHarness.StartAsync();
        using var first = await h.GetMetricsAsync();
        var before = PrometheusParser.Parse(await first.Content.ReadAsStringAsync(Ct));
        var garbage = new List<byte[]>();
        for (var i = 0; i < 64; i++)
        {
            garbage.Add(new byte[64 * 1024]); // 4 MB allocated on this process's managed heap
        }

        GC.KeepAlive(garbage);
        using var second = await h.GetMetricsAsync();
        var after = PrometheusParser.Parse(await second.Content.ReadAsStringAsync(Ct));

        Assert.Single(after, s => s.Name == "process_resident_memory_bytes");
        Assert.InRange(after.Sum("process_resident_memory_bytes"), 10e6, 10e9);
        Assert.True(after.Sum("dotnet_gc_allocated_bytes_total") - before.Sum("dotnet_gc_allocated_bytes_total") >= 64 * 64 * 1024);
        Assert.True(after.Sum("process_cpu_seconds_total") >= before.Sum("process_cpu_seconds_total"));
        Assert.True(after.Sum("dotnet_jit_compiled_methods_total") > 0);
        Assert.Equal(GC.MaxGeneration + 1, after.Count(s => s.Name == "dotnet_gc_collections_total"));
        Assert.True(after.Sum("dotnet_gc_committed_bytes") >= after.Sum("dotnet_gc_heap_size_bytes"));
    }

    [Fact]
    public async Task FileLog_Enabled_WritesJsonLinesWithoutTokensKeysOrPrompts()
    {
        const string prompt = "the secret plan is written in violet ink";
        await using var h = await RequestLogHarness.StartAsync(s =>
        {
            s["LogFiles:Enabled"] = "true";
            s["LogFiles:MinimumLevel"] = "Trace";
        });
        var body = RequestLogHarness.Anthropic.Replace("[[emu:text ok]]", "[[emu:text ok]] " + prompt, StringComparison.Ordinal);
        string requestId;
        using (var ok = await h.PostAsync("v1/messages", body))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            requestId = ok.Headers.GetValues("X-Request-Id").Single();
        }

        using (var gemini = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", RequestLogHarness.Gemini))
        {
            Assert.Equal(HttpStatusCode.OK, gemini.StatusCode);
        }

        using (var wrongKey = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        {
            wrongKey.Headers.Add("x-api-key", "sk-wrong-key-that-must-not-be-logged");
            using var denied = await h.Client.SendAsync(wrongKey, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        await h.StopAsync();
        var logDir = Path.Combine(h.Accounts.DataDir, "logs");
        var text = string.Concat(Directory.GetFiles(logDir).Select(File.ReadAllText));

        Assert.NotEmpty(text);
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => System.Text.Json.JsonDocument.Parse(line).Dispose());
        var leak = text.Split('\n').FirstOrDefault(l => l.Contains(RequestLogHarness.ClientKey, StringComparison.Ordinal));
        Assert.True(leak is null, leak);
        Assert.DoesNotContain("sk-wrong-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ya29.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1//0", text, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatorOptions.DefaultClientSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("violet ink", text, StringComparison.Ordinal);
        var ofRequest = text.Split('\n').Where(l => l.Contains($"\"RequestId\":\"{requestId}\"", StringComparison.Ordinal)).ToList();
        // The lines written inside that request (the endpoint's) carry the gateway's id for it (the scope), not
        // Kestrel's connection-based one; Kestrel's request lines, which would carry a Gemini client's ?key=, stay out.
        Assert.NotEmpty(ofRequest);
        Assert.DoesNotContain("Request starting", text, StringComparison.Ordinal);
    }

    private static async Task<string> FirstAccountIdAsync(RequestLogHarness h) =>
        (string)(await h.Accounts.ListAsync()).Single()!["id"]!;
}
