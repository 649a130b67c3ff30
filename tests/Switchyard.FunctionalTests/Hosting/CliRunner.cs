using Switchyard.FunctionalTests.Accounts;
using Switchyard.Hosting.Cli;

namespace Switchyard.FunctionalTests.Hosting;

/// <summary>Runs <c>switchyard</c> in-process with empty standard input and captures both output streams.</summary>
internal static class CliRunner
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SwitchyardCli.RunAsync(args, new CliContext(output, error, new StringReader("")), TestContext.Current.CancellationToken);
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
