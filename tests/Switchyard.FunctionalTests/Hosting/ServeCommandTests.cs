using System.Net;
using System.Text.RegularExpressions;
using Switchyard.Hosting.Cli;
using Switchyard.Testing;

namespace Switchyard.FunctionalTests.Hosting;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_StartsOnLoopback_AndAnswersHealthz()
    {
        var dataDir = Directory.CreateTempSubdirectory("switchyard-serve-").FullName;
        var output = new LineSignalWriter("listening on");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = SwitchyardCli.RunAsync(["serve", "--data-dir", dataDir, "--port", "0"], output, TextWriter.Null, stop.Token);
        var line = await output.Seen.WaitAsync(TestContext.Current.CancellationToken);
        var url = Regex.Match(line, @"http://127\.0\.0\.1:\d+").Value;
        using var http = new HttpClient();
        using var response = await http.GetAsync($"{url}/healthz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var exitCode = await run;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", body);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Serve_MalformedConfigFile_ExitsWithMessageNamingFile()
    {
        var dataDir = Directory.CreateTempSubdirectory("switchyard-serve-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dataDir, "switchyard.json"), """{"Server": {"Port": 1""", TestContext.Current.CancellationToken);
        var error = new StringWriter();

        var exitCode = await SwitchyardCli.RunAsync(["serve", "--data-dir", dataDir], TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("switchyard.json", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WrongTypedKey_ExitsNamingTheKey()
    {
        var dataDir = Directory.CreateTempSubdirectory("switchyard-serve-").FullName;
        var error = new StringWriter();

        var exitCode = await SwitchyardCli.RunAsync(["serve", "--data-dir", dataDir, "--set", "Server:Port=eighty"], TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("'Server:Port'", error.ToString(), StringComparison.Ordinal);
    }
}
