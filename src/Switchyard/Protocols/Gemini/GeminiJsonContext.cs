using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Gemini;

/// <summary>Source-generated JSON for the public Gemini wire: camelCase, nulls omitted, case-insensitive in.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GenerateContentRequest))]
[JsonSerializable(typeof(CountTokensRequest))]
[JsonSerializable(typeof(GenerateContentResponse))]
[JsonSerializable(typeof(GeminiCountTokensResponse))]
[JsonSerializable(typeof(GeminiErrorEnvelope))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext
{
    /// <summary>The generated metadata with relaxed escaping for output, so JSON inside strings reads <c>\"</c>, not <c>\u0022</c>.</summary>
    private static JsonSerializerOptions Output => field ??= new(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes a wire value for a client.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Output.GetTypeInfo(typeof(T)));
}
