using System.Text.RegularExpressions;
using Switchyard.Hosting.Cli;
using Switchyard.Hosting.Demo;
using Switchyard.Testing;

namespace Switchyard.FunctionalTests.Demo;

/// <summary>A running <c>switchyard demo --port 0 --emulator-port 0</c>, started in-process and past its ready line.</summary>
internal sealed partial record DemoRun(Task<int> Run, LineSignalWriter Output, StringWriter Error, string GatewayUrl, string EmulatorUrl, string DataDir)
{
    public static async Task<DemoRun> StartAsync(CancellationToken stop, params string[] extra)
    {
        var output = new LineSignalWriter(DemoCommand.ReadyMarker);
        var error = new StringWriter();
        var run = SwitchyardCli.RunAsync(["demo", "--port", "0", "--emulator-port", "0", .. extra], output, error, stop);
        var first = await Task.WhenAny(output.Seen, run).WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(first == output.Seen, $"demo ended before it was ready: {output} {error}");
        var ready = ReadyPattern().Match(await output.Seen);
        Assert.True(ready.Success, await output.Seen);
        var dataDir = DataDirPattern().Match(output.ToString());
        Assert.True(dataDir.Success, output.ToString());
        return new DemoRun(run, output, error, ready.Groups[1].Value, ready.Groups[2].Value, dataDir.Groups[1].Value);
    }

    [GeneratedRegex(@"data directory (\S+)")]
    private static partial Regex DataDirPattern();

    [GeneratedRegex(@"gateway (http://127\.0\.0\.1:\d+), emulator (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ReadyPattern();
}
