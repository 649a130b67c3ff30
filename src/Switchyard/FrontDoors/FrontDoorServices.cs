using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Protocols.Shared;
using Switchyard.Recovery;
using Switchyard.Scheduling;
using Switchyard.Upstream;

namespace Switchyard.FrontDoors;

internal static class FrontDoorServices
{
    /// <summary>The client-facing doors: the scheduler and dispatcher, the generate client, thinking memory (auth options are core).</summary>
    public static IServiceCollection AddFrontDoors(this IServiceCollection services)
    {
        services.TryAddSingleton<ThinkingMemory>(_ => new ThinkingMemory());
        services.TryAddSingleton<GenerateClient>();
        services.AddScheduling();
        services.TryAddSingleton<UpstreamDispatcher>();
        services.TryAddSingleton<SessionRecovery>();
        services.TryAddSingleton<FrontDoor>();
        return services;
    }

    /// <summary>Anthropic, OpenAI and Gemini routes, and the model lists.</summary>
    public static IEndpointRouteBuilder MapFrontDoors(this IEndpointRouteBuilder app)
    {
        app.MapAnthropic();
        app.MapOpenAI();
        app.MapGemini();
        app.MapModels();
        return app;
    }
}
