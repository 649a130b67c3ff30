using System.CommandLine;

namespace Switchyard.Hosting;

/// <summary>The <c>switchyard</c> command line. Each command lives with the part it drives.</summary>
internal static class SwitchyardCli
{
    /// <summary><c>--data-dir</c>, taken by every command.</summary>
    public static readonly Option<string?> DataDirOption = new("--data-dir")
    {
        Description = "Data directory (configuration, database, keys). Default: $SWITCHYARD_DATA_DIR or ~/.switchyard",
        Recursive = true,
    };

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(output ?? Console.Out, error ?? Console.Error);
        var configuration = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    public static RootCommand BuildRoot(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Switchyard: a local multi-account gateway for Anthropic, OpenAI and Gemini clients.");
        root.Options.Add(DataDirOption);
        root.Subcommands.Add(ServeCommand.Create(output, error));
        return root;
    }
}
