using Switchyard.Foundation.Edge;

namespace Switchyard.FrontDoors;

/// <summary>
/// Which protocol's envelope a request under the front doors' prefixes gets, decided from its path and headers
/// before routing (so an unmatched route, a refusal or a failure is still answered the way its client reads errors):
/// <c>/v1/messages…</c> Anthropic; <c>/v1/chat/completions…</c> OpenAI; <c>/v1/responses…</c> and <c>/responses…</c>
/// the Responses door; <c>/v1/images…</c> the images door (both OpenAI's envelope, logged under their own names);
/// <c>/v1beta/…</c> and <c>POST /v1/models/…</c> (<c>{model}:{method}</c>) Gemini; any other <c>/v1/…</c> path by its credentials, as
/// <c>GET /v1/models</c> answers (<c>x-goog-api-key</c> or <c>?key=</c> Gemini, <c>x-api-key</c> or
/// <c>anthropic-version</c> Anthropic, else OpenAI). Anything else is not a front door.
/// </summary>
internal static class FrontDoorRoutes
{
    public static IProtocolErrors? ProtocolFor(HttpRequest request)
    {
        var path = request.Path;
        if (Under(path, "/v1beta"))
        {
            return GeminiProtocolErrors.Instance;
        }

        if (Under(path, "/responses") || Under(path, "/v1/responses"))
        {
            return ResponsesProtocolErrors.Instance;
        }

        if (Under(path, "/v1/images"))
        {
            return ImagesProtocolErrors.Instance;
        }

        if (Under(path, "/v1/chat/completions"))
        {
            return OpenAIProtocolErrors.Instance;
        }

        if (Under(path, "/v1/messages"))
        {
            return AnthropicProtocolErrors.Instance;
        }

        if (!Under(path, "/v1"))
        {
            return null;
        }

        if (HttpMethods.IsPost(request.Method) && Under(path, "/v1/models"))
        {
            return GeminiProtocolErrors.Instance;
        }

        return ByCredentials(request);
    }

    /// <summary>The protocol a request's credentials speak (for routes every protocol shares, like <c>/v1/models</c>).</summary>
    public static IProtocolErrors ByCredentials(HttpRequest request) =>
        request.Headers.ContainsKey("x-goog-api-key") || request.Query.ContainsKey("key") ? GeminiProtocolErrors.Instance
        : request.Headers.ContainsKey("x-api-key") || request.Headers.ContainsKey("anthropic-version") ? AnthropicProtocolErrors.Instance
        : OpenAIProtocolErrors.Instance;

    /// <summary>The doors as route families for the edge, in the order they are asked.</summary>
    public static IEnumerable<IRouteFamily> Families() =>
    [
        new Family(AnthropicProtocolErrors.Instance), new Family(OpenAIProtocolErrors.Instance), new Family(ResponsesProtocolErrors.Instance),
        new Family(ImagesProtocolErrors.Instance), new Family(GeminiProtocolErrors.Instance),
    ];

    /// <summary>The one upload route: an image edit, which the OpenAI SDKs send as a multipart form.</summary>
    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/v1/images/edits", StringComparison.OrdinalIgnoreCase);

    private static bool Under(PathString path, string prefix) =>
        path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>One protocol's front doors: JSON posts, open to allow-listed browser apps, errors in its envelope.</summary>
    private sealed class Family(IProtocolErrors errors) : IRouteFamily
    {
        public string Name => errors.Protocol;

        public bool JsonPosts => true;

        public bool BrowserApps => true;

        public bool Owns(HttpRequest request) => ReferenceEquals(ProtocolFor(request), errors);

        public bool AcceptsMultipart(HttpRequest request) => IsUpload(request);

        public string Render(int status, string message) => errors.Create(status, message).Json;
    }
}
