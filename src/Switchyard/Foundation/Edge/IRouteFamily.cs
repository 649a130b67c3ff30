namespace Switchyard.Foundation.Edge;

/// <summary>
/// A family of routes that share an error envelope and the edge's rules: a protocol's front doors (Anthropic,
/// OpenAI, Gemini), or anything else (the admin API, dashboard, metrics and health, with <c>{"error": "…"}</c>).
/// The layer that owns the routes registers its family; <see cref="RouteFamilies"/> picks one per request.
/// </summary>
internal interface IRouteFamily
{
    /// <summary>A short name for logs: anthropic, openai, gemini.</summary>
    string Name { get; }

    /// <summary>Whether the request belongs to this family, decided from its path and headers only (before routing).</summary>
    bool Owns(HttpRequest request);

    /// <summary>Every POST here carries a JSON body, so one without a JSON content type is refused (415).</summary>
    bool JsonPosts { get; }

    /// <summary>
    /// Browser apps from <see cref="ServerOptions.AllowedOrigins"/> may call these routes cross-site (with CORS
    /// answers). False keeps the routes same-origin whatever the allow-list says.
    /// </summary>
    bool BrowserApps { get; }

    /// <summary>
    /// Whether this request (an upload route, such as an image edit) may send its body as <c>multipart/form-data</c>
    /// instead of JSON. The cross-site rules still apply first, so a form on another site cannot use it.
    /// </summary>
    bool AcceptsMultipart(HttpRequest request);

    /// <summary>The body of an error with <paramref name="status"/> in this family's envelope (JSON).</summary>
    string Render(int status, string message);
}
