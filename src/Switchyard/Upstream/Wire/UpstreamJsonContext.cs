using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Upstream.Wire;

/// <summary>Source-generated JSON for the upstream wire: camelCase out, nulls omitted, case-insensitive in.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UpstreamEnvelope))]
[JsonSerializable(typeof(UpstreamRequest))]
[JsonSerializable(typeof(UpstreamResponseEnvelope))]
[JsonSerializable(typeof(GenerateContentResponse))]
[JsonSerializable(typeof(CountTokensEnvelope))]
[JsonSerializable(typeof(CountTokensResponse))]
internal sealed partial class UpstreamJsonContext : JsonSerializerContext;
