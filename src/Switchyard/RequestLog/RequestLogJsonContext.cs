using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.RequestLog;

/// <summary>Source-generated camelCase JSON for the request log's API and its stored attempt/repair columns.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RequestSummary))]
[JsonSerializable(typeof(RequestDetail))]
[JsonSerializable(typeof(RequestPage))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(DataBudgetStatus))]
[JsonSerializable(typeof(List<AttemptView>))]
[JsonSerializable(typeof(List<RepairView>))]
[JsonSerializable(typeof(DecisionLog))]
internal sealed partial class RequestLogJsonContext : JsonSerializerContext;
