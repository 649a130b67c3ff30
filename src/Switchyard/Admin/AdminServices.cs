using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Foundation;
using Switchyard.RequestLog;

namespace Switchyard.Admin;

internal static class AdminServices
{
    /// <summary>Adds the runtime-settings provider last in the chain, so its overrides win over every other source.</summary>
    public static void AddRuntimeSettings(this IConfigurationBuilder configuration, string dataDir) =>
        configuration.Add(new RuntimeSettingsProvider(dataDir));

    /// <summary>The <c>Admin</c> section, known to every command (part of the core services).</summary>
    public static IServiceCollection AddAdminOptions(this IServiceCollection services) =>
        services.AddGatewayOptions<AdminOptions>(AdminOptions.Section, new AdminOptionsValidator(), new AdminOptionsCustomValidator());

    /// <summary>The admin API, dashboard and runtime settings (the scheduler's state comes from AddScheduling, through the front doors).</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.TryAddSingleton<AdminPasswordStore>();
        services.TryAddSingleton<AdminSessions>();
        services.TryAddSingleton<AdminThrottle>();
        services.TryAddSingleton<AdminAccess>();
        services.TryAddSingleton<AdminSignIn>();
        services.TryAddSingleton<AdminPool>();
        services.TryAddSingleton<RuntimeSettings>();
        services.TryAddSingleton<PoolClearing>();
        services.TryAddSingleton<ConfigReloadState>();
        services.AddHostedService(sp => sp.GetRequiredService<PoolClearing>());
        services.AddSingleton<IKnownSecrets, AdminKeySecrets>();
        services.AddOpenApi(AdminEndpoints.DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("admin/api", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Switchyard admin API";
                document.Info.Description = "Accounts, quotas, scheduling, cooldowns, session bindings and runtime settings.";
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
