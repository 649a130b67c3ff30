using Microsoft.Extensions.DependencyInjection.Extensions;

using Switchyard.Foundation;
namespace Switchyard.RequestLog;

internal static class RequestLogServices
{
    /// <summary>The <c>RequestLog</c> options section (every command knows it, so a config file with it is valid for the CLI too).</summary>
    public static IServiceCollection AddRequestLogOptions(this IServiceCollection services) =>
        services.AddGatewayOptions<RequestLogOptions>(RequestLogOptions.Section, new RequestLogOptionsValidator(), new RequestLogOptionsCustomValidator());

    /// <summary>The server's request log: store, writer (a sink and a hosted service), retention, live feed.</summary>
    public static IServiceCollection AddRequestLog(this IServiceCollection services)
    {
        services.TryAddSingleton<RequestLogDb>();
        services.TryAddSingleton<RequestLogStore>();
        services.TryAddSingleton(sp => new RequestLogWriter(
            sp.GetRequiredService<RequestLogStore>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RequestLogOptions>>(),
            sp.GetRequiredService<ILogger<RequestLogWriter>>(), TimeProvider.System, sp.GetServices<IKnownSecrets>()));
        services.TryAddSingleton<DataBudget>();
        services.TryAddSingleton<RequestLogRetention>();
        services.TryAddSingleton<RequestLogBroadcast>();
        services.AddSingleton<IRequestSink>(sp => sp.GetRequiredService<RequestLogWriter>());
        services.AddSingleton<IRequestSink>(sp => sp.GetRequiredService<RequestLogBroadcast>());
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogRetention>());
        return services;
    }
}
