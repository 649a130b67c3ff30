using System.CommandLine;
using Switchyard.Emulator;
using Switchyard.Hosting.Cli;

namespace Switchyard.Hosting.Demo;

/// <summary>
/// <c>switchyard emulator</c>: the upstream emulator (Google OAuth and the Cloud Code hosts) as a command of the one
/// binary, so benchmarks, the demo and manual tries need nothing else. Runs until stopped.
/// </summary>
internal static class EmulatorCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 8046 };
        var host = new Option<string>("--host") { Description = "Address to bind", DefaultValueFactory = _ => "127.0.0.1" };
        var accountsFile = new Option<string?>("--accounts") { Description = "JSON array of accounts (email, name, tier, …); default: three demo accounts" };
        var command = new Command("emulator", "Run the upstream emulator (Google OAuth and Cloud Code stand-in) until stopped.") { port, host, accountsFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var p = parse.GetValue(port);
            if (p is < 0 or > 65535)
            {
                await context.Error.WriteLineAsync($"--port {p}: must be between 0 and 65535.");
                return CliExit.Usage;
            }

            var accounts = EmulatorHost.DefaultAccounts;
            if (parse.GetValue(accountsFile) is { } file)
            {
                var (read, error) = await EmulatorHost.ReadAccountsAsync(file, cancellationToken);
                if (read is null)
                {
                    await context.Error.WriteLineAsync(error);
                    return CliExit.Usage;
                }

                accounts = read;
            }

            EmulatorServer server;
            try
            {
                server = await EmulatorServer.StartAsync(
                    new EmulatorOptions { Port = p, Host = parse.GetValue(host)!, Accounts = accounts, ConsoleLogging = true }, cancellationToken);
            }
            catch (IOException ex)
            {
                await context.Error.WriteLineAsync($"Cannot listen: {CliExit.Reason(ex)}");
                return CliExit.Failure;
            }

            await using (server)
            {
                await EmulatorHost.WriteBannerAsync(server, accounts, context.Output);
                try
                {
                    await server.WaitForShutdownAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }

                return CliExit.Ok;
            }
        });
        return command;
    }
}
