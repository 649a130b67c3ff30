using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Admin;

/// <summary>JSON of the admin API (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(IReadOnlyList<AccountView>))]
[JsonSerializable(typeof(AccountView))]
[JsonSerializable(typeof(IReadOnlyList<AccountQuotaView>))]
[JsonSerializable(typeof(QuotaRefreshView))]
[JsonSerializable(typeof(IReadOnlyList<CooldownView>))]
[JsonSerializable(typeof(SchedulingView))]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(CountView))]
[JsonSerializable(typeof(CacheView))]
[JsonSerializable(typeof(Switchyard.Foundation.ConfigReloadStatus))]
[JsonSerializable(typeof(SettingsView))]
[JsonSerializable(typeof(SignInView))]
[JsonSerializable(typeof(ErrorView))]
[JsonSerializable(typeof(LoginBody))]
[JsonSerializable(typeof(DisableBody))]
[JsonSerializable(typeof(SchedulingPatch))]
[JsonSerializable(typeof(ExportBody))]
[JsonSerializable(typeof(ImportBody))]
[JsonSerializable(typeof(ImportView))]
[JsonSerializable(typeof(LatencyView))]
[JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
