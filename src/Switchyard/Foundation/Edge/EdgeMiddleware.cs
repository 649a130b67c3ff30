using Microsoft.AspNetCore.WebUtilities;

namespace Switchyard.Foundation.Edge;

/// <summary>
/// The first thing every request meets, before routing:
/// <list type="number">
/// <item>the <see cref="EdgePolicy"/> checks (Host, cross-site, content type), refused in the request's envelope;</item>
/// <item>CORS for an allow-listed browser app (preflight answered here, headers on the answer);</item>
/// <item>after the route: an error status with no body (an unmatched route's 404, a 405, a failed binding) gets a
/// body in the envelope of the route family;</item>
/// <item>last resort: an exception is logged once and answered 500 in the envelope (or, when the body could not be
/// read, the 4xx Kestrel names), never an empty body; after the first byte the connection is aborted instead.</item>
/// </list>
/// </summary>
internal sealed partial class EdgeMiddleware(RequestDelegate next, EdgePolicy policy, RouteFamilies families, EdgeTraffic traffic, ILogger<EdgeMiddleware> logger)
{
    public const string CorsMethods = "GET, POST, OPTIONS";

    public async Task InvokeAsync(HttpContext http)
    {
        traffic.Begin();
        try
        {
            await RunAsync(http);
        }
        finally
        {
            traffic.End();
        }
    }

    private async Task RunAsync(HttpContext http)
    {
        var request = http.Request;
        var family = families.For(request);
        var refusal = policy.CheckHost(request) ?? policy.CheckSite(request, family);
        var origin = request.Headers.Origin.ToString();
        if (refusal is null && family.BrowserApps && origin.Length > 0 && policy.IsAllowedOrigin(origin))
        {
            var headers = http.Response.Headers;
            headers.AccessControlAllowOrigin = origin;
            headers.Vary = "Origin";
            if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"))
            {
                headers.AccessControlAllowMethods = CorsMethods;
                headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } asked ? asked : "content-type";
                headers.AccessControlMaxAge = "600";
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            headers.AccessControlExposeHeaders = "*";
        }

        refusal ??= EdgePolicy.CheckContentType(request, family);
        if (refusal is not null)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var path = PathOf(request);
                LogRefused(family.Name, refusal.Status, request.Method, path);
            }

            await RouteFamilies.WriteAsync(http, family, refusal.Status, refusal.Message);
            return;
        }

        try
        {
            await next(http);
        }
        catch (BadHttpRequestException ex)
        {
            // The body could not be read (bad chunking, too large, too slow): the client's fault, named by Kestrel.
            await AnswerOrAbortAsync(http, family, ex.StatusCode, "The request could not be read: " + BoundedText.Clip(ex.Message, 200));
            return;
        }
        catch (Exception ex) when (http.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client left; nothing to answer.
            return;
        }
#pragma warning disable CA1031 // The last resort: no exception may reach Kestrel, whose answer is an empty 500.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnhandled(ex, family.Name, request.Method, PathOf(request));
            await AnswerOrAbortAsync(http, family, StatusCodes.Status500InternalServerError, "The gateway failed on this request (an internal error, logged). Nothing more was sent upstream.");
            return;
        }

        if (!http.Response.HasStarted && http.Response.StatusCode >= 400 && !http.RequestAborted.IsCancellationRequested)
        {
            await RouteFamilies.WriteAsync(http, family, http.Response.StatusCode, DefaultMessage(http));
        }
    }

    private static async Task AnswerOrAbortAsync(HttpContext http, IRouteFamily family, int status, string message)
    {
        if (http.Response.HasStarted)
        {
            http.Abort();
            return;
        }

        http.Response.Clear();
        try
        {
            await RouteFamilies.WriteAsync(http, family, status, message);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            http.Abort();
        }
    }

    /// <summary>The message for an error status a route set without a body.</summary>
    private static string DefaultMessage(HttpContext http)
    {
        var request = http.Request;
        var status = http.Response.StatusCode;
        return status switch
        {
            StatusCodes.Status404NotFound => $"No route answers {request.Method} {PathOf(request)}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {PathOf(request)}"
                + (http.Response.Headers.Allow.ToString() is { Length: > 0 } allow ? $"; use {allow}." : "."),
            StatusCodes.Status400BadRequest => $"The request to {PathOf(request)} is malformed (a parameter or the body could not be read).",
            _ => $"{(ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error")} ({status}).",
        };
    }

    /// <summary>The path without the query (which can carry a key), cut for logs and messages.</summary>
    private static string PathOf(HttpRequest request) => BoundedText.Clip(request.PathBase.Add(request.Path).ToString(), 200);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Edge refused a {Family} request ({Status}): {Method} {Path}")]
    private partial void LogRefused(string family, int status, string method, string path);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Unhandled exception on a {Family} request {Method} {Path}; answered 500")]
    private partial void LogUnhandled(Exception exception, string family, string method, string path);
}
