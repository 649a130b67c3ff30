using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchyard.Hosting;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream;

namespace Switchyard.FrontDoors;

internal static class FrontDoorServices
{
    /// <summary>The client-facing doors: auth options, account picking, the generate client, thinking memory.</summary>
    public static IServiceCollection AddFrontDoors(this IServiceCollection services)
    {
        services.AddGatewayOptions<AuthOptions>(AuthOptions.Section, new AuthOptionsValidator());
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => new AuthExposureValidator(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<ThinkingMemory>(_ => new ThinkingMemory());
        services.TryAddSingleton<GenerateClient>();
        services.TryAddSingleton<IAccountPicker, FirstAccountPicker>();
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
