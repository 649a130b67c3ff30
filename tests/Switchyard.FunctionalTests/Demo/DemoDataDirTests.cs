using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.FunctionalTests.Hosting;
using Switchyard.Hosting.Cli;
using Switchyard.Testing;

namespace Switchyard.FunctionalTests.Demo;

/// <summary>A demo given <c>--data-dir</c> leaves its settings there, so other commands on that directory reach it.</summary>
public sealed class DemoDataDirTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<CliRun> RunAsync(params string[] args) => CliRunner.RunAsync(args);

    [Fact]
    public async Task Demo_GivenDataDir_QuotaAndConnectOnThatDirectoryReachTheDemo()
    {
        var dataDir = Directory.CreateTempSubdirectory("switchyard-demo-dir-").FullName;
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var demo = await DemoRun.StartAsync(stop.Token, "--data-dir", dataDir);

            var quota = await RunAsync("quota", "--refresh", "--json", "--data-dir", dataDir);
            var connect = await RunAsync("connect", "env", "--data-dir", dataDir);
            var settings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dataDir, "demo.json"), Ct))!;
            await stop.CancelAsync();
            await demo.Run;

            Assert.True(quota.Exit == CliExit.Ok, quota.Error);
            Assert.Contains("Reading quota 1/3", quota.Error, StringComparison.Ordinal);
            var accounts = JsonNode.Parse(quota.Output)!.AsArray();
            Assert.Equal(3, accounts.Count);
            // Read from the demo's emulator: every enabled account has windows with a reading (Google is never reached).
            Assert.All(accounts.Where(a => (bool)a!["enabled"]!), a => Assert.Contains(a!["windows"]!.AsArray(), w => w!["remainingFraction"] is not null));
            Assert.Contains(demo.GatewayUrl, connect.Output, StringComparison.Ordinal);
            Assert.Equal(demo.EmulatorUrl + "token", (string?)settings["OAuth:TokenUrl"]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Emulator_Command_ServesTheControlApiUntilStopped()
    {
        var output = new LineSignalWriter("listening on");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = SwitchyardCli.RunAsync(["emulator", "--port", "0"], new CliContext(output, TextWriter.Null, new StringReader("")), stop.Token);
        var line = await output.Seen.WaitAsync(Ct);
        var url = line[(line.IndexOf("http://", StringComparison.Ordinal))..].Trim();
        using var http = new HttpClient();
        using var response = await http.GetAsync(url + "__emulator/state", Ct);
        await stop.CancelAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ada@example.com", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(CliExit.Ok, await run);
    }
}
