using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Switchyard.Accounts;
using Switchyard.Emulator;
using Switchyard.Emulator.State;
using Switchyard.Foundation;
using Switchyard.Hosting.Cli;

namespace Switchyard.Hosting.Demo;

/// <summary>
/// <c>switchyard demo</c>: starts the emulator in-process with three accounts, signs them in through the
/// real OAuth path (LoginFlow and AccountProvisioner against the emulator), starts the gateway as
/// <c>serve</c> does with its upstream pointed at the emulator, prints what to try, and runs until stopped.
/// The only gateway code that uses emulator types.
/// </summary>
internal static class DemoCommand
{
    public const string ReadyMarker = "Demo ready:";

    public static readonly AccountSeed[] Accounts =
    [
        new() { Email = "ada@example.com", Name = "Ada Lovelace", Tier = "ULTRA" },
        new() { Email = "grace@example.com", Name = "Grace Hopper", Tier = "PRO" },
        new() { Email = "alan@example.com", Name = "Alan Turing", Tier = "FREE", Onboarded = false, OnboardPendingPolls = 1 },
    ];

    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Gateway port (default 8045; 0 picks a free one)", DefaultValueFactory = _ => 8045 };
        var emulatorPort = new Option<int>("--emulator-port") { Description = "Emulator port (default 0: any free one)", DefaultValueFactory = _ => 0 };
        var chaos = new Option<bool>("--chaos") { Description = "Inject emulator faults: rate limits on a share of content calls, one account out of quota" };
        var command = new Command("demo", "Run the gateway against a built-in emulator with three signed-in demo accounts (no Google account needed).")
        {
            port, emulatorPort, chaos,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var settings = GatewayConfiguration.ParseSettings(parse.GetValue(SwitchyardCli.SetOption) ?? [], errors);
            foreach (var (name, value) in new[] { ("--port", parse.GetValue(port)), ("--emulator-port", parse.GetValue(emulatorPort)) })
            {
                if (value is < 0 or > 65535)
                {
                    errors.Add($"{name} {value}: must be between 0 and 65535.");
                }
            }

            if (errors.Count > 0)
            {
                await context.Error.WriteLineAsync("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
                return 2;
            }

            var given = parse.GetValue(SwitchyardCli.DataDirOption);
            var temporary = given is null;
            var dataDir = temporary ? Directory.CreateTempSubdirectory("switchyard-demo-").FullName : DataDirectory.Ensure(DataDirectory.Resolve(given));
            try
            {
                return await RunAsync(dataDir, temporary, parse.GetValue(port), parse.GetValue(emulatorPort), parse.GetValue(chaos), settings, context, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Output.WriteLineAsync("Demo stopped.");
                return 0;
            }
            finally
            {
                if (temporary)
                {
                    SqliteConnection.ClearAllPools();
                    try
                    {
                        Directory.Delete(dataDir, recursive: true);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        await context.Error.WriteLineAsync($"Could not remove {dataDir}: {ex.Message}");
                    }
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string dataDir, bool temporary, int port, int emulatorPort, bool chaos, Dictionary<string, string?> userSettings, CliContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        await output.WriteLineAsync($"Switchyard demo: data directory {dataDir}{(temporary ? " (removed on exit)" : "")}");
        EmulatorServer emulator;
        try
        {
            emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = emulatorPort, Accounts = Accounts, Config = DemoQuota.Config }, cancellationToken);
        }
        catch (IOException ex)
        {
            await context.Error.WriteLineAsync($"Cannot start the emulator: {ex.Message}");
            return 1;
        }

        await using (emulator)
        {
            await output.WriteLineAsync($"Emulator (Google OAuth and Cloud Code stand-in) listening on {emulator.BaseUrl}");
            var settings = Settings(emulator, port);
            foreach (var (key, value) in userSettings)
            {
                settings[key] = value;
            }

            using var browser = new DemoBrowser();
            WebApplication app;
            try
            {
                app = GatewayApp.Build(dataDir, settings, services =>
                {
                    services.AddSingleton<IBrowserLauncher>(browser);
                    services.AddLogging(logging => logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));
                    context.ConfigureServices?.Invoke(services);
                });
            }
            catch (InvalidDataException ex)
            {
                await context.Error.WriteLineAsync("Invalid configuration: " + ex.Message);
                return 2;
            }

            await using (app)
            {
                var problems = StartupCheck.Run(app.Services, app.Configuration);
                if (problems.Count > 0)
                {
                    await context.Error.WriteLineAsync(new StartupException(problems).Message);
                    return 2;
                }

                if (!await SignInAsync(app.Services, emulator, browser, context, cancellationToken))
                {
                    return 1;
                }

                await DemoQuota.SeedAsync(emulator, cancellationToken);
                if (chaos)
                {
                    await DemoChaos.AddAsync(emulator, output, cancellationToken);
                }

                await output.WriteLineAsync("Starting the gateway");
                try
                {
                    await GatewayApp.StartAsync(app, cancellationToken);
                }
                catch (StartupException ex)
                {
                    await context.Error.WriteLineAsync(ex.Message);
                    return 2;
                }
                catch (IOException ex)
                {
                    await context.Error.WriteLineAsync($"Cannot listen: {ex.Message} (try --port 0)");
                    return 1;
                }

                var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
                DemoSettingsFile.Write(dataDir, Settings(emulator, new Uri(url).Port));
                await DemoQuota.PrintAsync(app.Services, output, cancellationToken);
                await output.WriteLineAsync(DemoHints.Text(url, dataDir, emulator.BaseUrl));
                await output.WriteLineAsync($"{ReadyMarker} gateway {url}, emulator {emulator.BaseUrl}{(chaos ? ", chaos on" : "")}. Press Ctrl+C to stop.");
                await app.WaitForShutdownAsync(cancellationToken);
                await output.WriteLineAsync("Stopping the gateway and the emulator" + (temporary ? $"; removing {dataDir}" : ""));
                return 0;
            }
        }
    }

    /// <summary>Every URL at the emulator, with its own OAuth client; the gateway on loopback.</summary>
    private static Dictionary<string, string?> Settings(EmulatorServer emulator, int port)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Server:Host"] = "127.0.0.1",
            ["Server:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["OAuth:ClientId"] = EmulatorOptions.DefaultClientId,
            ["OAuth:ClientSecret"] = EmulatorOptions.DefaultClientSecret,
            ["OAuth:AuthorizeUrl"] = emulator.AuthorizeUrl,
            ["OAuth:TokenUrl"] = emulator.TokenUrl,
            ["OAuth:UserInfoUrl"] = emulator.UserInfoUrl,
            ["OAuth:CallbackPort"] = "0",
            ["OAuth:CallbackTimeoutSeconds"] = "30",
            ["Accounts:OnboardPollDelaySeconds"] = "0",
        };
        string[] labels = ["daily", "prod"];
        for (var i = 0; i < labels.Length; i++)
        {
            settings[$"Upstream:Hosts:{i}:Label"] = labels[i];
            settings[$"Upstream:Hosts:{i}:BaseUrl"] = emulator.CloudCodeUrl(labels[i]);
        }

        return settings;
    }

    /// <summary>Signs each demo account in through <see cref="LoginFlow"/>, the emulator's consent queue choosing the account.</summary>
    private static async Task<bool> SignInAsync(IServiceProvider services, EmulatorServer emulator, DemoBrowser browser, CliContext context, CancellationToken cancellationToken)
    {
        var flow = services.GetRequiredService<LoginFlow>();
        var console = new DemoLoginConsole(context.Output);
        foreach (var seed in Accounts)
        {
            await context.Output.WriteLineAsync($"Signing in {seed.Email} ({seed.Tier}{(seed.Onboarded ? "" : ", not yet onboarded")}) through OAuth");
            await emulator.Control.QueueConsentAsync(seed.Email, cancellationToken: cancellationToken);
            var (_, error) = await flow.RunAsync(new LoginRequest(), console, cancellationToken);
            if (error is not null)
            {
                await context.Error.WriteLineAsync($"Demo sign-in of {seed.Email} failed: {error}{(browser.Failure is { } failure ? $" ({failure})" : "")}");
                return false;
            }
        }

        return true;
    }
}
