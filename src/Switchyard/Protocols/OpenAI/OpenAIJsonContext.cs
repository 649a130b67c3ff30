using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Protocols.OpenAI;

/// <summary>Source-generated JSON for the OpenAI wire: snake_case, nulls omitted, case-insensitive in.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(OpenAIErrorEnvelope))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext;
