using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Metrics;
using Switchyard.RateLimits;
using Switchyard.RequestLog;
using Switchyard.Testing;
using Switchyard.Tests.RequestLog;

namespace Switchyard.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    private static readonly DateTimeOffset T0 = RequestLogFixture.T0;

    private static RequestTrace Trace(int status, double seconds, string protocol = "anthropic", string? error = null, string account = "ada@example.com")
    {
        var t = RequestLogFixture.Trace(T0, status: status, protocol: protocol, error: error, account: account, model: "m");
        t.Latency = TimeSpan.FromSeconds(seconds);
        return t;
    }

    [Fact]
    public void Render_AfterRequests_CountsByLabelsWithACumulativeHistogram()
    {
        var metrics = new GatewayMetrics();
        metrics.Record(Trace(200, 0.07));
        metrics.Record(Trace(200, 3));
        metrics.Record(Trace(429, 0.01));
        metrics.Record(Trace(400, 0.01, protocol: "openai"));
        metrics.Record(Trace(200, 1, error: "cut"));
        var withAttempts = Trace(200, 1);
        withAttempts.Attempts.Add(new AttemptRecord(1, "a", "ada@example.com", "antigravity", "prod", 429, "RateLimited", TimeSpan.Zero, TimeSpan.Zero, "rotate"));
        withAttempts.Attempts.Add(new AttemptRecord(2, "b", "grace@example.com", "antigravity", "prod", 200, "ok", TimeSpan.Zero, TimeSpan.Zero, "served"));
        metrics.Record(withAttempts);
        var services = new ServiceCollection().AddSingleton(metrics).BuildServiceProvider();

        var samples = PrometheusParser.Parse(MetricsEndpoint.Render(services));

        var ok = new[] { ("protocol", "anthropic"), ("model", "m-mapped"), ("account", "ada@example.com"), ("outcome", "ok") };
        Assert.Equal(3, samples.Sum("switchyard_requests_total", ok));
        Assert.Equal(1, samples.Sum("switchyard_requests_total", ("outcome", "rate_limited")));
        Assert.Equal(1, samples.Sum("switchyard_requests_total", ("protocol", "openai"), ("outcome", "client_error")));
        Assert.Equal(1, samples.Sum("switchyard_requests_total", ("outcome", "stream_error")));
        Assert.Equal(6, samples.Sum("switchyard_requests_total"));
        Assert.Equal(1, samples.Sum("switchyard_request_duration_seconds_bucket", [.. ok, ("le", "0.1")]));
        Assert.Equal(2, samples.Sum("switchyard_request_duration_seconds_bucket", [.. ok, ("le", "1")]));
        Assert.Equal(3, samples.Sum("switchyard_request_duration_seconds_bucket", [.. ok, ("le", "5")]));
        Assert.Equal(3, samples.Sum("switchyard_request_duration_seconds_bucket", [.. ok, ("le", "+Inf")]));
        Assert.Equal(3, samples.Sum("switchyard_request_duration_seconds_count", ok));
        Assert.Equal(4.07, samples.Sum("switchyard_request_duration_seconds_sum", ok), 6);
        Assert.Equal(6 * 10, samples.Sum("switchyard_tokens_total", ("kind", "input")));
        Assert.Equal(1, samples.Sum("switchyard_upstream_attempts_total", ("pool", "antigravity"), ("outcome", "RateLimited")));
        Assert.Equal(1, samples.Sum("switchyard_upstream_attempts_total", ("outcome", "ok")));
    }

    [Theory]
    [InlineData(200, null, "ok")]
    [InlineData(200, "The stream was cut.", "stream_error")]
    [InlineData(200, RequestTracing.ClientDisconnected, "cancelled")]
    [InlineData(429, "limited", "rate_limited")]
    [InlineData(401, "no key", "client_error")]
    [InlineData(503, "no account", "server_error")]
    public void Outcome_StatusAndError_MapToOneKind(int status, string? error, string expected) =>
        Assert.Equal(expected, GatewayMetrics.Outcome(status, error));

    [Fact]
    public void Render_LabelValuesWithQuotesAndNewlines_AreEscaped()
    {
        var metrics = new GatewayMetrics();
        var t = Trace(200, 1, account: "we\"ird\\name\nx@example.com");
        metrics.Record(t);
        var services = new ServiceCollection().AddSingleton(metrics).BuildServiceProvider();

        var samples = PrometheusParser.Parse(MetricsEndpoint.Render(services));

        Assert.Equal(1, samples.Sum("switchyard_requests_total", ("account", "we\"ird\\name\nx@example.com")));
    }

    [Fact]
    public void Render_ActiveCooldownAndWriterCounters_AreShown()
    {
        var time = new FakeTimeProvider(T0);
        var cooldowns = new CooldownTracker(new Switchyard.Tests.Models.FakeOptionsMonitor<RateLimitOptions>(new RateLimitOptions()), time, SystemRandomSource.Instance);
        cooldowns.Record(new RateLimitKey("acc-1", "claude", "antigravity"), new UpstreamFailure(UpstreamFailureKind.RateLimited, 429, TimeSpan.FromSeconds(30)));
        using var f = new RequestLogFixture(new RequestLogOptions { QueueCapacity = 1 });
        var writer = f.Writer();
        writer.Record(RequestLogFixture.Trace(T0));
        writer.Record(RequestLogFixture.Trace(T0));
        var services = new ServiceCollection().AddSingleton(cooldowns).AddSingleton(writer).AddSingleton<TimeProvider>(time).BuildServiceProvider();

        var samples = PrometheusParser.Parse(MetricsEndpoint.Render(services));

        Assert.Equal(1, samples.Sum("switchyard_cooldowns_active"));
        Assert.Equal(30, samples.Sum("switchyard_cooldown_remaining_seconds", ("account", "acc-1"), ("group", "claude"), ("pool", "antigravity"), ("kind", "RateLimited")));
        Assert.Equal(1, samples.Sum("switchyard_request_log_dropped_total"));
        Assert.Equal(1, samples.Sum("switchyard_request_log_queue_depth"));
    }
}
