using Microsoft.Extensions.Options;
using Switchyard.Admin;
using Switchyard.FrontDoors;
using Switchyard.Metrics;

namespace Switchyard.Hosting;

/// <summary>The admin API's and the front doors' credentials, as <c>/metrics</c> needs to know them.</summary>
internal sealed class GatewayMetricsCredentials(
    AdminAccess access,
    AdminPasswordStore passwords,
    IOptionsMonitor<AdminOptions> admin,
    IOptionsMonitor<AuthOptions> auth) : IMetricsCredentials
{
    public bool AnySet => passwords.IsSet || !string.IsNullOrEmpty(admin.CurrentValue.ApiKey) || auth.CurrentValue.ApiKeys.Count > 0;

    public Task<bool> IsAdminAsync(HttpContext http) => access.HasCredentialsAsync(http);
}
