using System.Text.Json.Serialization;

namespace Switchyard.Quota;

/// <summary>The stored state document of an account (everything but the quota entries).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AccountQuota))]
[JsonSerializable(typeof(QuotaForecast))]
[JsonSerializable(typeof(IReadOnlyList<QuotaForecast>))]
internal sealed partial class QuotaJsonContext : JsonSerializerContext;
