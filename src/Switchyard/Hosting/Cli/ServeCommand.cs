using System.CommandLine;
using System.Globalization;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Cli;

/// <summary><c>switchyard serve</c>: run the gateway until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var host = new Option<string?>("--host") { Description = "Address to bind (Server:Host)" };
        var port = new Option<int?>("--port") { Description = "Port to listen on (Server:Port)" };
        var set = SwitchyardCli.SetOption;
        var urls = new Option<string?>("--urls") { Description = "One http://HOST:PORT address (as ASP.NET Core's --urls); ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS are read the same way" };
        var command = new Command("serve", "Run the gateway.") { host, port, urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var settings = GatewayConfiguration.ParseSettings(parse.GetValue(set) ?? [], errors);
            if (parse.GetValue(host) is { } h)
            {
                settings["Server:Host"] = h;
            }

            if (parse.GetValue(port) is { } p)
            {
                settings["Server:Port"] = p.ToString(CultureInfo.InvariantCulture);
            }

            var listen = ListenUrls.Apply(parse.GetValue(urls), Environment.GetEnvironmentVariable, settings, errors);
            if (errors.Count > 0)
            {
                await error.WriteLineAsync("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
                return 2;
            }

            if (listen is not null)
            {
                await output.WriteLineAsync($"Listening address from {listen}.");
            }

            var dataDir = DataDirectory.Ensure(DataDirectory.Resolve(parse.GetValue(SwitchyardCli.DataDirOption)));
            return await RunAsync(dataDir, settings, output, error, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(string dataDir, IReadOnlyDictionary<string, string?> settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = GatewayApp.Build(dataDir, settings);
        }
        catch (InvalidDataException ex)
        {
            // A configuration file that is not valid JSON: name the file and where it breaks.
            var reasons = new List<string>();
            for (Exception? e = ex; e is not null; e = e.InnerException)
            {
                reasons.Add(e.Message);
            }

            await error.WriteLineAsync("Invalid configuration: " + string.Join(" ", reasons));
            return 2;
        }

        await using (app)
        {
            try
            {
                await GatewayApp.StartAsync(app, cancellationToken);
            }
            catch (StartupException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return 2;
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"Cannot listen: {CliExit.Reason(ex)}");
                return 1;
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                await error.WriteLineAsync($"Cannot listen: {ex.Message}");
                return 1;
            }

            await output.WriteLineAsync($"Switchyard listening on {string.Join(", ", app.Urls)} (data: {dataDir})");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
    }
}
