using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Control;
using Switchyard.Emulator.OAuth;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator;

/// <summary>
/// A running emulator: Google OAuth, the Cloud Code <c>v1internal</c> hosts and the control API on one
/// loopback port. Tests start one per test (port 0) and dispose it; the executable runs one until stopped.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        State = app.Services.GetRequiredService<EmulatorState>();
        Control = new EmulatorControlClient(new HttpClient { BaseAddress = baseUrl });
    }

    /// <summary>e.g. <c>http://127.0.0.1:40265/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Typed client for the control API.</summary>
    public EmulatorControlClient Control { get; }

    internal EmulatorState State { get; }

    /// <summary>The emulator's virtual clock.</summary>
    public VirtualClock Clock => State.Clock;

    /// <summary>Base URL of a Cloud Code host label (daily-sandbox, daily, autopush, prod), without a trailing slash.</summary>
    public string CloudCodeUrl(string label = "prod") =>
        CloudCodeEndpoints.Labels.Contains(label, StringComparer.Ordinal)
            ? new Uri(BaseUrl, label).ToString()
            : throw new ArgumentException($"Unknown host label '{label}'.", nameof(label));

    /// <summary>Google's authorize endpoint on this emulator.</summary>
    public string AuthorizeUrl => new Uri(BaseUrl, "o/oauth2/v2/auth").ToString();

    public string TokenUrl => new Uri(BaseUrl, "token").ToString();

    public string UserInfoUrl => new Uri(BaseUrl, "oauth2/v2/userinfo").ToString();

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Services.AddSingleton(new EmulatorState(options));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, EmulatorJsonContext.Default));
        var app = builder.Build();
        app.MapControl();
        app.MapOAuth();
        app.MapCloudCode();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async Task StopAsync(CancellationToken cancellationToken = default) => await _app.StopAsync(cancellationToken);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
