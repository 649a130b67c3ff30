using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.RequestLog;

namespace Switchyard.Metrics;

internal static class MetricsServices
{
    /// <summary>The in-memory request counters behind <c>/metrics</c>.</summary>
    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<GatewayMetrics>();
        services.AddSingleton<IRequestSink>(sp => sp.GetRequiredService<GatewayMetrics>());
        return services;
    }
}
