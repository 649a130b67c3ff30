using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.RateLimits;

namespace Switchyard.Scheduling;

internal static class SchedulingServices
{
    /// <summary>The scheduler, its state store, the cooldown tracker and the cooldowns' persistence.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.TryAddSingleton<ISchedulingStateStore, InMemorySchedulingStateStore>();
        services.TryAddSingleton<IRandomSource>(SystemRandomSource.Instance);
        services.TryAddSingleton<CooldownTracker>();
        services.TryAddSingleton<CooldownStore>();
        services.TryAddSingleton<CooldownPersistence>();
        services.TryAddSingleton<AccountScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CooldownPersistence>());
        return services;
    }
}
