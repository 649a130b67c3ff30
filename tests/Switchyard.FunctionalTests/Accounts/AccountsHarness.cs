using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Accounts;
using Switchyard.Emulator;
using Switchyard.Emulator.State;
using Switchyard.Hosting;
using Switchyard.Hosting.Cli;

namespace Switchyard.FunctionalTests.Accounts;

/// <summary>
/// One emulator (port 0) and one data directory per test, with the settings that point Switchyard at the
/// emulator. Runs CLI commands in-process (each with its own store, as a second process would have) and
/// can start the gateway with a fake clock.
/// </summary>
internal sealed class AccountsHarness : IAsyncDisposable
{
    public const string Ada = "ada@example.com";
    public const string Grace = "grace@example.com";
    public const string AdaRefresh = "1//0ada-fixed-refresh-token";
    public const string GraceRefresh = "1//0grace-fixed-refresh-token";

    private readonly List<WebApplication> _apps = [];

    private AccountsHarness(EmulatorServer emulator, string dataDir)
    {
        Emulator = emulator;
        DataDir = dataDir;
    }

    public EmulatorServer Emulator { get; }
    public string DataDir { get; }
    public WaitSkippingTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());
    public Dictionary<string, string?> Settings { get; } = [];

    public static AccountSeed[] DefaultAccounts =>
    [
        new() { Email = Ada, Name = "Ada Lovelace", Tier = "ULTRA", RefreshToken = AdaRefresh },
        new() { Email = Grace, Name = "Grace Hopper", Tier = "PRO", RefreshToken = GraceRefresh },
    ];

    public static async Task<AccountsHarness> StartAsync(params AccountSeed[] accounts)
    {
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Accounts = accounts.Length == 0 ? DefaultAccounts : accounts }, TestContext.Current.CancellationToken);
        var harness = new AccountsHarness(emulator, Directory.CreateTempSubdirectory("switchyard-accounts-").FullName);

        // The emulator honours a seeded refresh token once it has been issued: issue it now, as a past sign-in would have.
        foreach (var seed in accounts.Length == 0 ? DefaultAccounts : accounts)
        {
            if (seed.RefreshToken is not null)
            {
                await emulator.Control.MintTokensAsync(seed.Email, cancellationToken: TestContext.Current.CancellationToken);
            }
        }

        harness.Settings["OAuth:ClientId"] = EmulatorOptions.DefaultClientId;
        harness.Settings["OAuth:ClientSecret"] = EmulatorOptions.DefaultClientSecret;
        harness.Settings["OAuth:AuthorizeUrl"] = emulator.AuthorizeUrl;
        harness.Settings["OAuth:TokenUrl"] = emulator.TokenUrl;
        harness.Settings["OAuth:UserInfoUrl"] = emulator.UserInfoUrl;
        harness.Settings["OAuth:CallbackTimeoutSeconds"] = "60";
        harness.Settings["Upstream:Hosts:0:Label"] = "prod";
        harness.Settings["Upstream:Hosts:0:BaseUrl"] = emulator.CloudCodeUrl("prod");
        harness.Settings["Accounts:OnboardPollDelaySeconds"] = "0";

        // Background passes would fire whenever a test advances the clock; tests call them explicitly instead.
        harness.Settings["Accounts:BackgroundRefreshIntervalSeconds"] = "86400";
        harness.Settings["Quota:RefreshIntervalSeconds"] = "0";
        return harness;
    }

    /// <summary>Runs <c>switchyard …</c> in-process against this data directory and these settings, on <see cref="Time"/>.</summary>
    public async Task<CliRun> RunCliAsync(string[] args, string input = "", Action<IServiceCollection>? configure = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var all = new List<string>(args) { "--data-dir", DataDir };
        foreach (var (key, value) in Settings)
        {
            all.Add("--set");
            all.Add($"{key}={value}");
        }

        var exit = await SwitchyardCli.RunAsync([.. all], new CliContext(output, error, new StringReader(input), services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            configure?.Invoke(services);
        }), TestContext.Current.CancellationToken);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary><c>accounts list --json</c>, parsed.</summary>
    public async Task<JsonArray> ListAsync()
    {
        var run = await RunCliAsync(["accounts", "list", "--json"]);
        Assert.True(run.Exit == 0, run.Error);
        return JsonNode.Parse(run.Output)!.AsArray();
    }

    /// <summary>A running gateway on port 0 whose clock is <see cref="Time"/>.</summary>
    public async Task<WebApplication> StartGatewayAsync(Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Server:Port"] = "0" };
        var app = GatewayApp.Build(DataDir, settings, services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            configure?.Invoke(services);
        });
        _apps.Add(app);
        await GatewayApp.StartAsync(app, TestContext.Current.CancellationToken);
        return app;
    }

    /// <summary>Adds Ada (or another seeded account) by importing its refresh token through the CLI.</summary>
    public async Task<string> ImportAsync(string refreshToken = AdaRefresh)
    {
        var run = await RunCliAsync(["accounts", "import", "--refresh-token", refreshToken]);
        Assert.True(run.Exit == 0, run.Error);
        return (string)(await ListAsync()).Single(a => run.Output.Contains((string)a!["email"]!, StringComparison.Ordinal))!["id"]!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record CliRun(int Exit, string Output, string Error);

/// <summary>A browser that follows the authorize URL (auto-consent redirects to the callback listener).</summary>
internal sealed class FollowingBrowser(Func<string, string>? rewriteRedirect = null, bool preconnect = false) : IBrowserLauncher
{
    private readonly List<System.Net.Sockets.TcpClient> _idle = [];

    public List<Task> Visits { get; } = [];

    public bool TryOpen(string url)
    {
        Visits.Add(VisitAsync(url));
        return true;
    }

    private async Task VisitAsync(string url)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        if (preconnect)
        {
            // Like a real browser: an idle speculative connection and a favicon request before the callback.
            var redirect = new Uri(System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["redirect_uri"]!);
            var idle = new System.Net.Sockets.TcpClient();
            await idle.ConnectAsync(redirect.Host, redirect.Port, TestContext.Current.CancellationToken);
            _idle.Add(idle);
            using var favicon = await http.GetAsync(new Uri(redirect, "/favicon.ico"), TestContext.Current.CancellationToken);
            if (favicon.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException("favicon should be 404");
            }
        }

        using var authorize = await http.GetAsync(url, TestContext.Current.CancellationToken);
        var location = authorize.Headers.Location?.ToString() ?? throw new InvalidOperationException($"authorize answered {(int)authorize.StatusCode} without a redirect");
        using var callback = await http.GetAsync(rewriteRedirect?.Invoke(location) ?? location, TestContext.Current.CancellationToken);
    }
}

/// <summary>A headless user: opens the printed URL elsewhere and pastes where the browser ended up.</summary>
internal sealed class PastingConsole(Func<Task>? beforePaste = null) : ILoginConsole
{
    private string? _url;

    public List<string> Lines { get; } = [];

    public void Progress(string message) => Lines.Add(message);

    public void ShowUrl(string url, bool headless) => _url = url;

    public async Task<string?> ReadPastedAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var authorize = await http.GetAsync(_url, cancellationToken);
        if (beforePaste is not null)
        {
            await beforePaste();
        }

        return authorize.Headers.Location?.ToString();
    }
}
