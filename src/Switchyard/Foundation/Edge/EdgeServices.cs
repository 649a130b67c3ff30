using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Switchyard.Foundation.Edge;

internal static class EdgeServices
{
    /// <summary>The edge's rules, route families (each layer adds its own <see cref="IRouteFamily"/>), traffic count and idle trimming.</summary>
    public static IServiceCollection AddEdge(this IServiceCollection services)
    {
        services.TryAddSingleton<EdgePolicy>();
        services.TryAddSingleton<RouteFamilies>();
        services.TryAddSingleton<EdgeTraffic>();
        services.TryAddSingleton<IdleMemoryTrimmer>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleMemoryTrimmer>());
        return services;
    }

    /// <summary>Puts <see cref="EdgeMiddleware"/> first, then routing, so every request (matched or not) passes the edge.</summary>
    public static IApplicationBuilder UseEdge(this IApplicationBuilder app)
    {
        app.UseMiddleware<EdgeMiddleware>();
        app.UseRouting();
        return app;
    }
}
