using System.Collections.Concurrent;
using Switchyard.Foundation;
using Switchyard.RequestLog;

namespace Switchyard.Metrics;

/// <summary>
/// Counts finished requests (an <see cref="IRequestSink"/>): requests and a latency histogram by protocol, model,
/// account and outcome; tokens by kind; upstream attempts by pool and outcome. In memory since start; thread-safe.
/// </summary>
internal sealed class GatewayMetrics : IRequestSink
{
    /// <summary>Upper bounds of the latency buckets, in seconds.</summary>
    public static readonly double[] LatencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly ConcurrentDictionary<RequestLabels, RequestSeries> _requests = new();
    private readonly ConcurrentDictionary<(RequestLabels Labels, string Kind), Counter> _tokens = new();
    private readonly ConcurrentDictionary<(string Pool, string Outcome), Counter> _attempts = new();

    public void Record(RequestTrace trace)
    {
        var labels = new RequestLabels(
            trace.Protocol,
            BoundedText.ClipOrNull(trace.MappedModel, BoundedText.Model) ?? "unknown", // never the client's raw string: labels stay bounded
            trace.AccountEmail ?? trace.AccountId ?? "",
            Outcome(trace.Status, trace.Error));
        _requests.GetOrAdd(labels, _ => new RequestSeries()).Observe(trace.Latency.TotalSeconds);
        AddTokens(labels, "input", trace.InputTokens);
        AddTokens(labels, "output", trace.OutputTokens);
        AddTokens(labels, "thinking", trace.ThinkingTokens);
        AddTokens(labels, "cached", trace.CachedTokens);
        foreach (var attempt in trace.Attempts)
        {
            _attempts.GetOrAdd((attempt.Pool, attempt.Outcome), _ => new Counter()).Add(1);
        }
    }

    /// <summary>ok, rate_limited, client_error, server_error, stream_error (a 2xx cut by a failure), cancelled (the client left).</summary>
    public static string Outcome(int status, string? error) => status switch
    {
        _ when error == RequestTracing.ClientDisconnected => "cancelled",
        >= 200 and < 400 when error is null => "ok",
        >= 200 and < 400 => "stream_error",
        429 => "rate_limited",
        >= 400 and < 500 => "client_error",
        _ => "server_error",
    };

    public IEnumerable<KeyValuePair<RequestLabels, RequestSeries>> Requests => _requests.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<(RequestLabels Labels, string Kind), Counter>> Tokens =>
        _tokens.OrderBy(p => p.Key.Labels.ToString(), StringComparer.Ordinal).ThenBy(p => p.Key.Kind, StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<(string Pool, string Outcome), Counter>> Attempts =>
        _attempts.OrderBy(p => p.Key.Pool, StringComparer.Ordinal).ThenBy(p => p.Key.Outcome, StringComparer.Ordinal);

    private void AddTokens(RequestLabels labels, string kind, int? count)
    {
        if (count is > 0)
        {
            _tokens.GetOrAdd((labels, kind), _ => new Counter()).Add(count.Value);
        }
    }

    /// <summary>The labels of a request series.</summary>
    internal sealed record RequestLabels(string Protocol, string Model, string Account, string Outcome);

    /// <summary>A monotonically increasing count.</summary>
    internal sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long amount) => Interlocked.Add(ref _value, amount);
    }

    /// <summary>Count, sum and cumulative-ready bucket counts of one request series.</summary>
    internal sealed class RequestSeries
    {
        private readonly Lock _gate = new();
        private readonly long[] _buckets = new long[LatencyBuckets.Length];
        private long _count;
        private double _sum;

        public void Observe(double seconds)
        {
            lock (_gate)
            {
                _count++;
                _sum += seconds;
                for (var i = 0; i < LatencyBuckets.Length; i++)
                {
                    if (seconds <= LatencyBuckets[i])
                    {
                        _buckets[i]++;
                        break;
                    }
                }
            }
        }

        /// <summary>Count, sum and cumulative bucket counts (one per bound in <see cref="LatencyBuckets"/>).</summary>
        public (long Count, double Sum, long[] Cumulative) Read()
        {
            lock (_gate)
            {
                var cumulative = new long[_buckets.Length];
                long running = 0;
                for (var i = 0; i < _buckets.Length; i++)
                {
                    running += _buckets[i];
                    cumulative[i] = running;
                }

                return (_count, _sum, cumulative);
            }
        }
    }
}
