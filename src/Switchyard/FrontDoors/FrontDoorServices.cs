using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Dispatch;
using Switchyard.RequestLog;

namespace Switchyard.FrontDoors;

internal static class FrontDoorServices
{
    /// <summary>The client-facing doors and the trip behind them (auth options are core).</summary>
    public static IServiceCollection AddFrontDoors(this IServiceCollection services)
    {
        services.AddDispatch();
        services.TryAddSingleton<BodyBudget>();
        services.TryAddSingleton<FrontDoor>();
        services.AddSingleton<IKnownSecrets, ClientKeySecrets>();
        foreach (var family in FrontDoorRoutes.Families())
        {
            services.AddSingleton(family);
        }

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
