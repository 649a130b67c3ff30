using System.Text.Json.Nodes;
using Switchyard.Models;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// Cleans a client's JSON schema (tool parameters, response_format) into the subset the upstream accepts.
/// (Stub: owned by the Anthropic translation work; returns a copy until then.)
/// </summary>
internal static class ToolSchemas
{
    public static JsonNode? ForUpstream(JsonNode? schema, ModelRoute route)
    {
        _ = route;
        return schema?.DeepClone();
    }
}
