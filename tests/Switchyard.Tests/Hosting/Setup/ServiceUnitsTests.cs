using System.Diagnostics;
using System.Xml.Linq;
using Switchyard.Hosting.Setup;

namespace Switchyard.Tests.Hosting.Setup;

public sealed class ServiceUnitsTests
{
    private const string SystemdAnalyze = "/usr/bin/systemd-analyze";

    [Fact]
    public void Systemd_RunsServeFromTheGivenBinaryWithTheDataDirectory()
    {
        var unit = ServiceUnits.Systemd(["/opt/switchyard/switchyard"], "/home/ada/.switchyard");

        var lines = unit.Split('\n');
        Assert.Contains("ExecStart=\"/opt/switchyard/switchyard\" \"serve\" \"--data-dir\" \"/home/ada/.switchyard\"", lines);
        Assert.Contains("Restart=on-failure", lines);
        Assert.Contains("UMask=0077", lines);
        Assert.Contains("WantedBy=default.target", lines);
        Assert.True(Array.IndexOf(lines, "[Service]") < Array.IndexOf(lines, "[Install]"));
    }

    [Fact]
    public void SystemdQuote_SpecialCharacters_AreEscapedForExecStart()
    {
        Assert.Equal("\"/a b/\\\"q\\\"/$$HOME/100%%\"", ServiceUnits.SystemdQuote("/a b/\"q\"/$HOME/100%"));
    }

    [Fact]
    public async Task Systemd_Unit_PassesSystemdAnalyzeVerify()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, ServiceUnits.SystemdName);
        await File.WriteAllTextAsync(path, ServiceUnits.Systemd([Environment.ProcessPath!], Path.Combine(dir.Path, "data dir")), TestContext.Current.CancellationToken);
        if (!File.Exists(SystemdAnalyze))
        {
            Assert.Skip("systemd-analyze is not installed; Systemd_RunsServeFromTheGivenBinaryWithTheDataDirectory checks the structure.");
        }

        var start = new ProcessStartInfo(SystemdAnalyze) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("verify");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
            + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0 && output.Length == 0, $"exit {process.ExitCode}: {output}");
    }

    [Fact]
    public void Launchd_IsAPlistThatRunsServeAtLoadAndKeepsItAlive()
    {
        var plist = XDocument.Parse(ServiceUnits.Launchd(["/usr/local/bin/switchyard"], "/Users/ada/.switchyard & co"));

        var dict = plist.Root!.Element("dict")!.Elements().ToList();
        string Value(string key) => dict[dict.FindIndex(e => e.Name == "key" && e.Value == key) + 1].Value;
        Assert.Equal(ServiceUnits.LaunchdLabel, Value("Label"));
        var args = dict[dict.FindIndex(e => e.Value == "ProgramArguments") + 1].Elements("string").Select(e => e.Value).ToList();
        Assert.Equal(["/usr/local/bin/switchyard", "serve", "--data-dir", "/Users/ada/.switchyard & co"], args);
        Assert.Equal("true", dict[dict.FindIndex(e => e.Value == "RunAtLoad") + 1].Name.LocalName);
        Assert.Equal("/Users/ada/.switchyard & co/logs/launchd.err.log", Value("StandardErrorPath"));
    }
}
