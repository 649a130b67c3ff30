using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Foundation;
using Switchyard.RateLimits;

namespace Switchyard.Quota;

internal static class QuotaServices
{
    /// <summary>
    /// Quota, catalogue and account checks per account (<see cref="QuotaService"/>, <see cref="AccountChecks"/>) and
    /// their options (<c>Quota</c>, <c>Credits</c>); needs the accounts' services.
    /// </summary>
    public static IServiceCollection AddQuota(this IServiceCollection services)
    {
        services.AddGatewayOptions<QuotaOptions>(QuotaOptions.Section, new QuotaOptionsValidator(), new QuotaOptionsCustomValidator());
        services.AddGatewayOptions<CreditsOptions>(CreditsOptions.Section, new CreditsOptionsValidator());
        services.TryAddSingleton<IRandomSource>(SystemRandomSource.Instance);
        services.TryAddSingleton<CooldownTracker>();
        services.TryAddSingleton<AccountChecks>();
        services.TryAddSingleton<QuotaHistory>();
        services.TryAddSingleton<QuotaService>();
        services.TryAddSingleton<QuotaPacing>();
        services.TryAddSingleton<QuotaForecaster>();
        return services;
    }

    /// <summary>The quota reading that runs inside the server.</summary>
    public static IServiceCollection AddQuotaBackground(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<QuotaService>());
}
