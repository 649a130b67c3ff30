using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Dispatch;

namespace Switchyard.FrontDoors;

internal static class FrontDoorServices
{
    /// <summary>The client-facing doors and the trip behind them (auth options are core).</summary>
    public static IServiceCollection AddFrontDoors(this IServiceCollection services)
    {
        services.AddDispatch();
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
