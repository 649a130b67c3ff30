using System.CommandLine;
using Spectre.Console;
using Switchyard.Admin;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Cli;

/// <summary><c>switchyard admin set-password</c> (reads the password from standard input) and <c>admin clear-password</c>.</summary>
internal static class AdminCommand
{
    public static Command Create(CliContext context)
    {
        var set = new Command("set-password", "Set the admin password (asked without echo at a terminal, else one line of standard input); stored as a salted PBKDF2-SHA256 hash.");
        set.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            string? password;
            if (CliConsole.CanPrompt(context))
            {
                // At a terminal: typed twice, never echoed.
                var console = CliConsole.For(context.Output);
                password = await console.PromptAsync(new TextPrompt<string>("New admin password:").Secret(), cancellationToken);
                if (await console.PromptAsync(new TextPrompt<string>("Again:").Secret(), cancellationToken) != password)
                {
                    await context.Error.WriteLineAsync("The two passwords differ; nothing was changed.");
                    return CliExit.Usage;
                }
            }
            else
            {
                password = (await context.Input.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
            }

            if (string.IsNullOrEmpty(password) || password.Length < AdminPasswordStore.MinimumLength)
            {
                await context.Error.WriteLineAsync($"The password must have at least {AdminPasswordStore.MinimumLength} characters; nothing was changed.");
                return 2;
            }

            var store = new AdminPasswordStore(services.GetRequiredService<GatewayPaths>());
            store.Set(password);
            await context.Output.WriteLineAsync($"Admin password set ({store.FilePath}). A running gateway uses it at once; existing dashboard sessions stay signed in until they expire.");
            return 0;
        }));

        var clear = new Command("clear-password", "Remove the admin password (loopback clients are then admitted without one, unless Admin:ApiKey is set).");
        clear.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var store = new AdminPasswordStore(services.GetRequiredService<GatewayPaths>());
            var existed = store.IsSet;
            store.Clear();
            await context.Output.WriteLineAsync(existed ? "Admin password removed." : "No admin password was set.");
            return 0;
        }));

        return new Command("admin", "Admin API and dashboard access.") { set, clear };
    }
}
