using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Switchyard.Hosting.Connect;
using Switchyard.Foundation;
using Switchyard.Hosting.Demo;
using Switchyard.Hosting.Setup;

namespace Switchyard.Hosting.Cli;

/// <summary>The <c>switchyard</c> command line. Each command lives with the part it drives.</summary>
internal static class SwitchyardCli
{
    /// <summary><c>--data-dir</c>, taken by every command.</summary>
    public static readonly Option<string?> DataDirOption = new("--data-dir")
    {
        Description = "Data directory (configuration, database, keys). Default: $SWITCHYARD_DATA_DIR or ~/.switchyard",
        Recursive = true,
    };

    /// <summary><c>--set Section:Key=Value</c>, taken by every command; wins over the file and environment.</summary>
    public static readonly Option<string[]> SetOption = new("--set")
    {
        Description = "Any setting as Section:Key=Value; repeatable; wins over the file and environment",
        AllowMultipleArgumentsPerToken = false,
        Recursive = true,
    };

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext(output ?? Console.Out, error ?? Console.Error, Console.In), cancellationToken);

    /// <summary>Runs with the given streams and, for tests, a hook that replaces services.</summary>
    /// <remarks>
    /// Every failure is one line on the error stream and an exit code from <see cref="CliExit"/>, never a stack
    /// trace: a bad flag or value (2, with a pointer to <c>--help</c>), a data directory that cannot be used (2), and
    /// anything unexpected (1).
    /// </remarks>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = "switchyard" + string.Concat(CommandPath(parse.CommandResult).Select(name => " " + name));
            await context.Error.WriteLineAsync($"{parse.Errors[0].Message} Try '{command} --help'.");
            return CliExit.Usage;
        }

        var configuration = new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (DataDirectoryException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return CliExit.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliExit.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or HttpRequestException)
        {
            await context.Error.WriteLineAsync($"switchyard: {CliExit.Reason(ex)}");
            return CliExit.Failure;
        }
    }

    /// <summary>The gateway's version (not the entry assembly's: under a test host that is the test project).</summary>
    public static string Version =>
        typeof(SwitchyardCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed class VersionAction(TextWriter output) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            output.WriteLine(Version);
            return CliExit.Ok;
        }
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
        {
            names.Insert(0, r.Command.Name);
        }

        return names;
    }

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Switchyard: a local multi-account gateway for Anthropic, OpenAI and Gemini clients.");
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction(context.Output);
        }

        root.Options.Add(DataDirOption);
        root.Options.Add(SetOption);
        root.Subcommands.Add(ServeCommand.Create(context.Output, context.Error));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(AccountsCommand.Create(context));
        root.Subcommands.Add(QuotaCommand.Create(context));
        root.Subcommands.Add(ConnectCommand.Create(context));
        root.Subcommands.Add(AdminCommand.Create(context));
        root.Subcommands.Add(EmulatorCommand.Create(context));
        root.Subcommands.Add(InitCommand.Create(context));
        root.Subcommands.Add(ServiceCommand.Create(context));
        root.Subcommands.Add(HealthCommand.Create(context));
        root.Subcommands.Add(PoolClearCommands.Cooldowns(context));
        root.Subcommands.Add(PoolClearCommands.Bindings(context));
        root.Subcommands.Add(StatusLineCommand.Create(context));
        return root;
    }
}
