using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Switchyard.Admin;
using Switchyard.Emulator;
using Switchyard.Emulator.State;
using Switchyard.Foundation;
using Switchyard.Hosting;
using Switchyard.Hosting.Cli;

namespace Switchyard.BrowserTests;

/// <summary>
/// The emulator (consent page on, Ada and Grace), a gateway on 127.0.0.1 port 0 pointed at it, and Debian's Chromium
/// driven by Playwright through its explicit executable path (no browser download). Screenshots go to
/// <c>artifacts/screenshots/</c>.
/// </summary>
internal sealed class BrowserHarness : IAsyncDisposable
{
    public const string Ada = "ada@example.com";
    public const string Grace = "grace@example.com";
    public const string AdaRefresh = "1//0ada-browser-refresh-token";
    public const string Password = "dashboard password 1";

    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private BrowserHarness(EmulatorServer emulator, string dataDir, WebApplication app, Uri baseAddress, IPlaywright playwright, IBrowser browser, IPage page)
    {
        Emulator = emulator;
        DataDir = dataDir;
        App = app;
        BaseAddress = baseAddress;
        Playwright = playwright;
        Browser = browser;
        Page = page;
    }

    public EmulatorServer Emulator { get; }
    public string DataDir { get; }
    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }
    public IPage Page { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Debian's package puts the browser here; SWITCHYARD_CHROMIUM overrides it. Missing: the test fails.</summary>
    public static string ChromiumPath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("SWITCHYARD_CHROMIUM") ?? "/usr/bin/chromium";
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Chromium is not installed at {path}; run scripts/install-deps.sh (apt-get install chromium) or set SWITCHYARD_CHROMIUM.");
            }

            return path;
        }
    }

    /// <summary><c>artifacts/screenshots/</c> at the repository root (gitignored; CI keeps the folder).</summary>
    public static string ScreenshotDir
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchyard.slnx")))
            {
                dir = dir.Parent;
            }

            var root = dir?.FullName ?? AppContext.BaseDirectory;
            return Directory.CreateDirectory(Path.Combine(root, "artifacts", "screenshots")).FullName;
        }
    }

    public static async Task<BrowserHarness> StartAsync(bool password, bool importAda)
    {
        var chromium = ChromiumPath;
        var accounts = new[]
        {
            new AccountSeed { Email = Ada, Name = "Ada Lovelace", Tier = "ULTRA", RefreshToken = AdaRefresh },
            new AccountSeed { Email = Grace, Name = "Grace Hopper", Tier = "PRO" },
        };
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Accounts = accounts, Config = new EmulatorConfig { AutoConsent = false } }, Ct);
        var dataDir = Directory.CreateTempSubdirectory("switchyard-browser-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Server:Port"] = "0",
            ["OAuth:ClientId"] = EmulatorOptions.DefaultClientId,
            ["OAuth:ClientSecret"] = EmulatorOptions.DefaultClientSecret,
            ["OAuth:AuthorizeUrl"] = emulator.AuthorizeUrl,
            ["OAuth:TokenUrl"] = emulator.TokenUrl,
            ["OAuth:UserInfoUrl"] = emulator.UserInfoUrl,
            ["Upstream:Hosts:0:Label"] = "prod",
            ["Upstream:Hosts:0:BaseUrl"] = emulator.CloudCodeUrl("prod"),
            ["Accounts:OnboardPollDelaySeconds"] = "0",
            ["Quota:RefreshIntervalSeconds"] = "0",
            ["Admin:FailureDelayMilliseconds"] = "100",
        };

        if (importAda)
        {
            await emulator.Control.MintTokensAsync(Ada, cancellationToken: Ct);
            var args = new List<string> { "accounts", "import", "--refresh-token", AdaRefresh, "--data-dir", dataDir };
            foreach (var (key, value) in settings.Where(p => p.Key != "Server:Port"))
            {
                args.Add("--set");
                args.Add($"{key}={value}");
            }

            var error = new StringWriter();
            var exit = await SwitchyardCli.RunAsync([.. args], new CliContext(TextWriter.Null, error, TextReader.Null), Ct);
            Assert.True(exit == 0, error.ToString());
        }

        if (password)
        {
            new AdminPasswordStore(new GatewayPaths(dataDir)).Set(Password, iterations: 1000);
        }

        var app = GatewayApp.Build(dataDir, settings);
        await GatewayApp.StartAsync(app, Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumFlags });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return new BrowserHarness(emulator, dataDir, app, new Uri(address.TrimEnd('/') + "/"), playwright, browser, page);
    }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
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
