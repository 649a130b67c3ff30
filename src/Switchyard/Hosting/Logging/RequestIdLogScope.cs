using System.Collections;
using Switchyard.RequestLog;

namespace Switchyard.Hosting.Logging;

/// <summary>
/// Opens a logging scope around every request whose one value, <c>RequestId</c>, is the request's id as the client sees
/// it in <c>X-Request-Id</c> (once a front door has started the request's trace; ASP.NET Core's own request id before
/// that). It is read when a line is written, so every log line of the request carries it.
/// </summary>
internal static class RequestIdLogScope
{
    public static IApplicationBuilder UseRequestIdLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Requests");
        return app.Use(async (http, next) =>
        {
            using (logger.BeginScope(new Scope(http)))
            {
                await next(http);
            }
        });
    }

    private sealed class Scope(HttpContext http) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new("RequestId", Id) : throw new ArgumentOutOfRangeException(nameof(index));

        private string Id => RequestTrace.Of(http)?.Id ?? http.TraceIdentifier;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "RequestId:" + Id;
    }
}
