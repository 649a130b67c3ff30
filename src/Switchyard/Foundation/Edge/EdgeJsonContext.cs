using System.Text.Json.Serialization;

namespace Switchyard.Foundation.Edge;

/// <summary><c>{"error": "…"}</c>: the envelope of routes outside every protocol.</summary>
internal sealed record PlainError(string Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PlainError))]
internal sealed partial class EdgeJsonContext : JsonSerializerContext;
