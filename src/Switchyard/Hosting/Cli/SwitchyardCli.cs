using System.CommandLine;
using Switchyard.Hosting.Connect;
using Switchyard.Hosting.Demo;

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
    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var root = BuildRoot(context);
        var configuration = new InvocationConfiguration { Output = context.Output, Error = context.Error };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Switchyard: a local multi-account gateway for Anthropic, OpenAI and Gemini clients.");
        root.Options.Add(DataDirOption);
        root.Options.Add(SetOption);
        root.Subcommands.Add(ServeCommand.Create(context.Output, context.Error));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(AccountsCommand.Create(context));
        root.Subcommands.Add(QuotaCommand.Create(context));
        root.Subcommands.Add(ConnectCommand.Create(context));
        root.Subcommands.Add(AdminCommand.Create(context));
        root.Subcommands.Add(PoolClearCommands.Cooldowns(context));
        root.Subcommands.Add(PoolClearCommands.Bindings(context));
        root.Subcommands.Add(StatusLineCommand.Create(context));
        return root;
    }
}
