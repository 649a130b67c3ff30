using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.FrontDoors;

/// <summary>Source-generated camelCase JSON for the agent routes (<c>/v1/quota</c>, the MCP <c>quota</c> tool).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(QuotaReport))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
