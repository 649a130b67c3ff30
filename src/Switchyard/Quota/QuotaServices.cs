using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Foundation;
using Switchyard.Models;

namespace Switchyard.Quota;

internal static class QuotaServices
{
    /// <summary>Quota reading per account (<see cref="QuotaService"/>) and its options; needs the accounts' services.</summary>
    public static IServiceCollection AddQuota(this IServiceCollection services)
    {
        services.AddGatewayOptions<QuotaOptions>(QuotaOptions.Section, new QuotaOptionsValidator(), new QuotaOptionsCustomValidator());
        services.TryAddSingleton<LiveModelCapabilities>();
        services.TryAddSingleton<QuotaService>();
        return services;
    }

    /// <summary>The quota refresh that runs inside the server.</summary>
    public static IServiceCollection AddQuotaBackground(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<QuotaService>());
}
