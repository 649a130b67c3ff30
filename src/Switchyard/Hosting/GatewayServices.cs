using Switchyard.Quota;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Admin;
using Switchyard.Dispatch;
using Switchyard.Foundation;
using Switchyard.FrontDoors;
using Switchyard.Metrics;
using Switchyard.Hosting.Logging;
using Switchyard.Models;
using Switchyard.RateLimits;
using Switchyard.Recovery;
using Switchyard.RequestLog;
using Switchyard.Scheduling;

namespace Switchyard.Hosting;

internal static class GatewayServices
{
    /// <summary>
    /// What both the server and the CLI commands need: clock, paths, every options section (so a section in the
    /// configuration file is known, and checked, whichever command reads it), models, accounts.
    /// </summary>
    public static IServiceCollection AddGatewayCore(this IServiceCollection services, string dataDir)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new GatewayPaths(dataDir));
        services.AddGatewayOptions<ServerOptions>(ServerOptions.Section, new ServerOptionsValidator(), new ServerOptionsCustomValidator());
        services.AddGatewayOptions<AuthOptions>(AuthOptions.Section, new AuthOptionsValidator());
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => new AuthExposureValidator(sp.GetRequiredService<IConfiguration>()));
        services.AddGatewayOptions<SchedulingOptions>(SchedulingOptions.Section, new SchedulingOptionsValidator(), new SchedulingOptionsCustomValidator());
        services.AddGatewayOptions<RecoveryOptions>(RecoveryOptions.Section, new RecoveryOptionsValidator());
        services.AddGatewayOptions<ThinkingMemoryOptions>(ThinkingMemoryOptions.Section, new ThinkingMemoryOptionsValidator(), new ThinkingMemoryOptionsCustomValidator());
        services.AddGatewayOptions<RateLimitOptions>(RateLimitOptions.Section, new RateLimitOptionsValidator(), new RateLimitOptionsCustomValidator());
        services.AddRequestLogOptions();
        services.AddGatewayOptions<LogLevelOptions>(LogLevelOptions.Section);
        services.AddGatewayOptions<LoggingFileOptions>(LoggingFileOptions.Section, new LoggingFileOptionsValidator(), new LoggingFileOptionsCustomValidator());
        services.AddAdminOptions();
        services.AddFrontDoorOptions();
        services.AddMetricsOptions();
        services.AddModels();
        services.AddAccounts();
        services.AddQuota();
        return services;
    }
}
