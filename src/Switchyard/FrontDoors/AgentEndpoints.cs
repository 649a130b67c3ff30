using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.FrontDoors;

/// <summary>
/// What the gateway tells an agent about itself, behind the front doors' API keys: <c>GET /v1/quota</c> (the pool's
/// quota per family and window, <see cref="QuotaReport"/>) and <c>POST /mcp</c>, an MCP server over streamable HTTP
/// with one tool, <c>quota</c> (<see cref="McpEndpoint"/>). Neither is written to the request log.
/// </summary>
internal static class AgentEndpoints
{
    public static void MapAgent(this IEndpointRouteBuilder app)
    {
        var errors = OpenAIProtocolErrors.Instance;
        app.MapGet("/v1/quota", (QuotaReporter reporter, string? family) =>
            TypedResults.Json(reporter.Build(family), AgentJsonContext.Default.QuotaReport))
            .AddEndpointFilter(new ClientAuthFilter(errors) { Traced = false });
        app.MapPost(McpEndpoint.Path, McpEndpoint.HandleAsync).AddEndpointFilter(new ClientAuthFilter(errors) { Traced = false });
        app.MapMethods(McpEndpoint.Path, [HttpMethods.Get, HttpMethods.Delete], () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed))
            .AddEndpointFilter(new ClientAuthFilter(errors) { Traced = false });
    }

    /// <summary>The report as a JSON node (for the MCP tool's structured content).</summary>
    public static JsonNode ToNode(QuotaReport report) => JsonSerializer.SerializeToNode(report, AgentJsonContext.Default.QuotaReport)!;
}
