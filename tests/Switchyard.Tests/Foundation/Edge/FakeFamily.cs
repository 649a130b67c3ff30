using Microsoft.AspNetCore.Http;
using Switchyard.Foundation.Edge;

namespace Switchyard.Tests.Foundation.Edge;

/// <summary>A route family that owns paths under a prefix and renders errors as <c>{"fake":{"status":…,"message":…}}</c>.</summary>
internal sealed class FakeFamily(string prefix, bool jsonPosts = true, bool browserApps = true, string? uploadPath = null) : IRouteFamily
{
    public string Name => "fake";

    public bool JsonPosts => jsonPosts;

    public bool BrowserApps => browserApps;

    public bool Owns(HttpRequest request) => request.Path.StartsWithSegments(prefix, StringComparison.Ordinal);

    public bool AcceptsMultipart(HttpRequest request) => uploadPath is not null && request.Path == uploadPath;

    public string Render(int status, string message) =>
        new System.Text.Json.Nodes.JsonObject { ["fake"] = new System.Text.Json.Nodes.JsonObject { ["status"] = status, ["message"] = message } }.ToJsonString();
}
