using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Foundation;
using Switchyard.RequestLog;

namespace Switchyard.Metrics;

internal static class MetricsServices
{
    /// <summary>The in-memory request counters behind <c>/metrics</c>.</summary>
    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<MetricsAccess>();
        services.AddSingleton<IKnownSecrets, ScrapeTokenSecrets>();
        services.AddSingleton<IRequestSink>(sp => sp.GetRequiredService<GatewayMetrics>());
        return services;
    }

    /// <summary>The <c>Metrics</c> section, known to every command (part of the core services).</summary>
    public static IServiceCollection AddMetricsOptions(this IServiceCollection services) =>
        services.AddGatewayOptions<MetricsOptions>(MetricsOptions.Section);
}
