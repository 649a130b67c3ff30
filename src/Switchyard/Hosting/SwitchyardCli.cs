namespace Switchyard.Hosting;

/// <summary>The command line: placeholder until the serve command lands.</summary>
internal static class SwitchyardCli
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
}
