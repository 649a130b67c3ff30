using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Switchyard.Protocols.Responses;

/// <summary>Source-generated JSON for the Responses wire: snake_case, nulls omitted unless a member says otherwise, case-insensitive in.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ResponsesRequest))]
[JsonSerializable(typeof(List<ResponseInputItem>))]
[JsonSerializable(typeof(List<ResponseContentPart>))]
[JsonSerializable(typeof(ResponseObject))]
[JsonSerializable(typeof(List<ResponseOutputItem>))]
[JsonSerializable(typeof(ResponseStreamEvent))]
[JsonSerializable(typeof(SealedReasoning))]
internal sealed partial class ResponsesJsonContext : JsonSerializerContext
{
    /// <summary>The generated metadata with relaxed escaping for output, so JSON inside strings reads <c>\"</c>, not <c>\u0022</c>.</summary>
    private static JsonSerializerOptions Output => field ??= new(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes a wire value for a client.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Output.GetTypeInfo(typeof(T)));
}
