using Switchyard.Quota;
using Switchyard.Dashboard;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Admin;
using Switchyard.Foundation;
using Switchyard.Foundation.Edge;
using Switchyard.FrontDoors;
using Switchyard.Hosting.Logging;
using Switchyard.Hosting.Reload;
using Switchyard.Metrics;
using Switchyard.RequestLog;

namespace Switchyard.Hosting;

/// <summary>Builds the gateway's web application: configuration, services, endpoints.</summary>
internal static class GatewayApp
{
    /// <summary>Request bytes Kestrel reads ahead of the app per connection.</summary>
    public const long ReadAheadBytes = 64 * 1024;

    public static WebApplication Build(string dataDir, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        GatewayConfiguration.AddSources(builder.Configuration, dataDir, settings);
        builder.Configuration.AddRuntimeSettings(dataDir);
        LoggingSetup.Configure(builder.Logging, builder.Configuration);

        var services = builder.Services;
        services.AddGatewayCore(dataDir);
        services.AddEdge();
        services.AddAccountsBackground();
        services.AddQuotaBackground();
        services.AddFrontDoors();
        services.AddRequestLog();
        services.AddGatewayMetrics();
        services.AddSingleton<IMetricsCredentials, GatewayMetricsCredentials>();
        services.AddAdmin();
        services.AddConfigReload();
        configureServices?.Invoke(services);

        // What Kestrel reads ahead of the app per connection (1 MB by default) sits in its pinned block pool, which
        // gives memory back only slowly; so a burst of large bodies waiting for the buffering budget waits in the
        // sockets instead.
        builder.WebHost.UseSockets(sockets => sockets.MaxReadBufferSize = ReadAheadBytes);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var server = new ServerOptions();
            try
            {
                ServerOptions.Bind(context.Configuration.GetSection(ServerOptions.Section), server);
            }
            catch (InvalidOperationException)
            {
                // Reported by the start-up check.
            }

            kestrel.Limits.MaxRequestBodySize = server.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        var app = builder.Build();
        app.UseRequestIdLogScope();
        app.UseEdge();
        app.MapHealth();
        app.MapFrontDoors();
        app.MapMetrics();
        app.MapAdmin();
        app.MapDashboard();
        return app;
    }

    /// <summary>Validates configuration, binds the listener and starts. Throws <see cref="StartupException"/> listing every problem.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var errors = StartupCheck.Run(app.Services, app.Configuration);
        if (errors.Count == 0 && ServerOptionsCustomValidator.BindProblem(app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.Host) is { } bind)
        {
            errors.Add(bind);
        }

        if (errors.Count == 0
            && ExposureCheck.Problem(app.Configuration, new AdminPasswordStore(app.Services.GetRequiredService<GatewayPaths>()).IsSet) is { } exposure)
        {
            errors.Add(exposure);
        }

        if (errors.Count > 0)
        {
            throw new StartupException(errors);
        }

        StartupPermissions.Tighten(app.Services.GetRequiredService<GatewayPaths>().DataDir, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Hosting.Startup"));
        var server = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var host = server.Host.Contains(':', StringComparison.Ordinal) && !server.Host.StartsWith('[') ? $"[{server.Host}]" : server.Host;
        app.Urls.Add($"http://{host}:{server.Port}");
        await app.StartAsync(cancellationToken);
    }
}
