using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Switchyard.Tests;

/// <summary>An HTTP handler answering from a callback and recording every request (URL and body).</summary>
internal sealed class FakeHttpMessageHandler : HttpMessageHandler
{
    public Func<RecordedRequest, Task<HttpResponseMessage>> Callback { get; set; } =
        _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IEnumerable<RecordedRequest> To(string pathFragment) => Requests.Where(r => r.Url.Contains(pathFragment, StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!.ToString(), body, request.Headers.Authorization?.Parameter);
        Requests.Enqueue(recorded);
        return await Callback(recorded);
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

internal sealed record RecordedRequest(string Method, string Url, string Body, string? Bearer);

/// <summary>Hands out clients over one fake handler.</summary>
internal sealed class FakeHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}
