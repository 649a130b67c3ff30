using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchyard.Protocols.Shared;
using Switchyard.RequestLog;
using Switchyard.Scheduling;
using Switchyard.Upstream;

namespace Switchyard.Dispatch;

internal static class DispatchServices
{
    /// <summary>One request's trip: the scheduler, the dispatcher and its recovery hooks, the generate client, thinking memory and its persistence.</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services)
    {
        services.TryAddSingleton<ThinkingMemory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ThinkingMemoryOptions>>().Value;
            return new ThinkingMemory(options.Capacity, sp.GetRequiredService<TimeProvider>(), TimeSpan.FromHours(options.TimeToLiveHours));
        });
        services.TryAddSingleton<ThinkingPersistence>();
        services.AddHostedService(sp => sp.GetRequiredService<ThinkingPersistence>());
        services.TryAddSingleton<GenerateClient>();
        services.AddScheduling();
        services.TryAddSingleton<UpstreamDispatcher>();
        services.TryAddSingleton<SessionRecovery>();
        if (!services.Any(d => d.ServiceType == typeof(PromptCacheLedger)))
        {
            services.AddSingleton<PromptCacheLedger>();
            services.AddSingleton<IRequestSink>(sp => sp.GetRequiredService<PromptCacheLedger>());
        }

        return services;
    }
}
