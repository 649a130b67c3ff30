using System.Globalization;
using Switchyard.RequestLog;

namespace Switchyard.Admin;

internal static partial class AdminEndpoints
{
    /// <summary>Most request rows read for one latency series (the newest first); beyond it the answer says truncated.</summary>
    public const int MaxLatencyRows = 20_000;

    private static void MapLatency(RouteGroupBuilder admin)
    {
        admin.MapGet("/stats/latency", LatencyAsync)
            .WithSummary("Latency percentiles (p50, p90, p99, ms) per time bucket over [from, to) (default: the last 24 h), from the request log's rows; "
                + "bucket in seconds (60 to 86400, default 3600). 404 when the request log is off.");
    }

    private static async Task<IResult> LatencyAsync(HttpRequest request, IServiceProvider services, TimeProvider time, CancellationToken ct)
    {
        if (services.GetService<RequestLogStore>() is not { } store)
        {
            return Error(StatusCodes.Status404NotFound, "The request log is off on this gateway.");
        }

        var query = request.Query;
        foreach (var key in query.Keys)
        {
            if (key is not ("from" or "to" or "bucket"))
            {
                return Error(StatusCodes.Status400BadRequest, $"Unknown parameter '{(key.Length > 32 ? key[..32] : key)}'. Known: from, to, bucket.");
            }
        }

        var to = time.GetUtcNow();
        if (query["to"].ToString() is { Length: > 0 } toText && !TryInstant(toText, out to))
        {
            return Error(StatusCodes.Status400BadRequest, "'to' must be an ISO 8601 time such as 2026-07-01T12:00:00Z.");
        }

        var from = to - TimeSpan.FromHours(24);
        if (query["from"].ToString() is { Length: > 0 } fromText && !TryInstant(fromText, out from))
        {
            return Error(StatusCodes.Status400BadRequest, "'from' must be an ISO 8601 time such as 2026-07-01T12:00:00Z.");
        }

        if (from >= to)
        {
            return Error(StatusCodes.Status400BadRequest, "'from' must be before 'to'.");
        }

        var bucket = 3600;
        if (query["bucket"].ToString() is { Length: > 0 } bucketText
            && (!int.TryParse(bucketText, NumberStyles.None, CultureInfo.InvariantCulture, out bucket) || bucket is < 60 or > 86_400))
        {
            return Error(StatusCodes.Status400BadRequest, "'bucket' must be a whole number of seconds from 60 to 86400.");
        }

        var samples = new List<(DateTimeOffset, double)>();
        RequestCursor? cursor = null;
        var truncated = false;
        while (true)
        {
            var page = await store.SearchAsync(new RequestQuery { From = from, To = to, Limit = RequestLogApi.MaxLimit, Cursor = cursor }, ct);
            samples.AddRange(page.Items.Select(i => (i.StartedAt, i.LatencyMs)));
            if (page.Next is null)
            {
                break;
            }

            if (samples.Count >= MaxLatencyRows || !RequestCursor.TryParse(page.Next, out cursor))
            {
                truncated = true;
                break;
            }
        }

        var view = new LatencyView(from, to, bucket, LatencyPercentiles.Compute(samples, from, TimeSpan.FromSeconds(bucket)), truncated);
        return TypedResults.Json(view, AdminJsonContext.Default.LatencyView);
    }

    private static bool TryInstant(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
