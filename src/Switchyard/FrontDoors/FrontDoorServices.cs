using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Dispatch;
using Switchyard.Foundation;
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
        services.TryAddSingleton<ResponsesDoor>();
        services.TryAddSingleton<WebSearchRunner>();
        services.TryAddSingleton<QuotaReporter>();
        services.AddSingleton<IKnownSecrets, ClientKeySecrets>();
        foreach (var family in FrontDoorRoutes.Families())
        {
            services.AddSingleton(family);
        }

        return services;
    }

    /// <summary>The doors' own sections (Responses, WebSearch, Images), known to every command so the start-up check reads them.</summary>
    public static IServiceCollection AddFrontDoorOptions(this IServiceCollection services)
    {
        services.AddGatewayOptions<ResponsesDoorOptions>(ResponsesDoorOptions.Section, new ResponsesDoorOptionsValidator());
        services.AddGatewayOptions<WebSearchOptions>(WebSearchOptions.Section, new WebSearchOptionsValidator());
        services.AddGatewayOptions<BackgroundOptions>(BackgroundOptions.Section, new BackgroundOptionsValidator());
        services.AddGatewayOptions<ImagesOptions>(ImagesOptions.Section, new ImagesOptionsValidator());
        return services;
    }

    /// <summary>Anthropic, OpenAI (chat and Responses) and Gemini routes, and the model lists.</summary>
    public static IEndpointRouteBuilder MapFrontDoors(this IEndpointRouteBuilder app)
    {
        app.MapAnthropic();
        app.MapOpenAI();
        app.MapResponses();
        app.MapImages();
        app.MapGemini();
        app.MapModels();
        app.MapAgent();
        return app;
    }
}
