using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Accounts;
using Switchyard.Models;

namespace Switchyard.Hosting;

internal static class GatewayServices
{
    /// <summary>What both the server and the CLI commands need: clock, paths, every options section, models, accounts.</summary>
    public static IServiceCollection AddGatewayCore(this IServiceCollection services, string dataDir)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new GatewayPaths(dataDir));
        services.AddGatewayOptions<ServerOptions>(ServerOptions.Section, new ServerOptionsValidator(), new ServerOptionsCustomValidator());
        services.AddModels();
        services.AddAccounts();
        return services;
    }
}
