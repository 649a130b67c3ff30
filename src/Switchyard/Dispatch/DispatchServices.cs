using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Protocols.Shared;
using Switchyard.Scheduling;
using Switchyard.Upstream;

namespace Switchyard.Dispatch;

internal static class DispatchServices
{
    /// <summary>One request's trip: the scheduler, the dispatcher and its recovery hooks, the generate client, thinking memory.</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services)
    {
        services.TryAddSingleton<ThinkingMemory>(_ => new ThinkingMemory());
        services.TryAddSingleton<GenerateClient>();
        services.AddScheduling();
        services.TryAddSingleton<UpstreamDispatcher>();
        services.TryAddSingleton<SessionRecovery>();
        return services;
    }
}
