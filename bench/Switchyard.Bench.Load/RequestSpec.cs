using System.Net.Http.Headers;

namespace Switchyard.Bench.Load;

/// <summary>One request to send again and again: a POST with a fixed body and headers.</summary>
internal sealed class RequestSpec
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    public required string Name { get; init; }
    public required Uri Url { get; init; }
    public required byte[] Body { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public HttpRequestMessage Create()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = s_json;
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
