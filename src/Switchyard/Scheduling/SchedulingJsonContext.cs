using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Scheduling;

/// <summary>The decision trace as JSON (source-generated: trimming and native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DecisionTrace))]
internal sealed partial class SchedulingJsonContext : JsonSerializerContext;

internal static class DecisionTraceJson
{
    /// <summary>The trace as one JSON object (camelCase, nulls left out), for a request-log column.</summary>
    public static string ToJson(this DecisionTrace trace) => JsonSerializer.Serialize(trace, SchedulingJsonContext.Default.DecisionTrace);
}
