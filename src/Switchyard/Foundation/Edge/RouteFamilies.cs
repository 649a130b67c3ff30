using System.Text.Json;

namespace Switchyard.Foundation.Edge;

/// <summary>
/// The registered <see cref="IRouteFamily"/> instances, asked in registration order; a request none owns belongs to
/// <see cref="Plain"/>. Writes an error in the chosen family's envelope. Thread-safe (immutable).
/// </summary>
internal sealed class RouteFamilies(IEnumerable<IRouteFamily> families)
{
    private readonly IRouteFamily[] _families = [.. families];

    /// <summary>Routes outside every protocol: <c>{"error": "…"}</c>, as the admin API answers.</summary>
    public static IRouteFamily Plain { get; } = new PlainFamily();

    public IRouteFamily For(HttpRequest request)
    {
        foreach (var family in _families)
        {
            if (family.Owns(request))
            {
                return family;
            }
        }

        return Plain;
    }

    /// <summary>Answers <paramref name="status"/> with <paramref name="message"/> in the request's envelope (the response must not have started).</summary>
    public Task WriteAsync(HttpContext http, int status, string message) => WriteAsync(http, For(http.Request), status, message);

    public static Task WriteAsync(HttpContext http, IRouteFamily family, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var body = family.Render(status, message);
        http.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(body);
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : http.Response.WriteAsync(body, http.RequestAborted);
    }

    private sealed class PlainFamily : IRouteFamily
    {
        public string Name => "plain";

        public bool JsonPosts => false;

        public bool BrowserApps => false;

        public bool Owns(HttpRequest request) => true;

        public bool AcceptsMultipart(HttpRequest request) => false;

        public string Render(int status, string message) => JsonSerializer.Serialize(new PlainError(message), EdgeJsonContext.Default.PlainError);
    }
}
