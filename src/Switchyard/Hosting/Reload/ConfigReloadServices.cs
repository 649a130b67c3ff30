using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Reload;

internal static class ConfigReloadServices
{
    /// <summary>Watches <c>switchyard.json</c> and applies valid changes (<see cref="ConfigReloader"/>).</summary>
    public static IServiceCollection AddConfigReload(this IServiceCollection services)
    {
        services.TryAddSingleton<ConfigReloadState>();
        services.TryAddSingleton<IConfigFileWatcher, FileConfigWatcher>();
        services.TryAddSingleton<ConfigReloader>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfigReloader>());
        return services;
    }
}
