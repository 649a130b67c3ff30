namespace Switchyard.RequestLog;

/// <summary>Starts a request's <see cref="RequestTrace"/> and hands it to every <see cref="IRequestSink"/> when the response ends.</summary>
internal static class RequestTracing
{
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>The error of a request whose client went away before the response ended.</summary>
    public const string ClientDisconnected = "The client disconnected.";

    public static RequestTrace Begin(HttpContext http, string protocol)
    {
        if (RequestTrace.Of(http) is { } existing)
        {
            return existing;
        }

        var services = http.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var trace = new RequestTrace
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N"),
            StartedAt = time.GetUtcNow(),
            StartTimestamp = time.GetTimestamp(),
            Protocol = protocol,
            Endpoint = http.Request.Path.Value ?? "",
        };
        http.Items[RequestTrace.ItemKey] = trace;
        http.Response.Headers[RequestIdHeader] = trace.Id;
        var sinks = services.GetServices<IRequestSink>();
        http.Response.OnCompleted(() =>
        {
            trace.Status = http.Response.StatusCode;
            trace.Latency = time.GetElapsedTime(trace.StartTimestamp);
            if (http.RequestAborted.IsCancellationRequested && trace.Error is null)
            {
                trace.Error = ClientDisconnected;
            }

            foreach (var sink in sinks)
            {
                sink.Record(trace);
            }

            return Task.CompletedTask;
        });
        return trace;
    }

    /// <summary>Marks the first byte of the response body, once.</summary>
    public static void FirstByte(HttpContext http)
    {
        if (RequestTrace.Of(http) is { TimeToFirstByte: null } trace)
        {
            trace.TimeToFirstByte = http.RequestServices.GetRequiredService<TimeProvider>().GetElapsedTime(trace.StartTimestamp);
        }
    }
}
