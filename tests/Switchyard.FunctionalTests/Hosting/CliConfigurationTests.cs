using Switchyard.Hosting.Cli;

namespace Switchyard.FunctionalTests.Hosting;

public sealed class CliConfigurationTests
{
    [Fact]
    public async Task AccountsList_ConfigFileWithServerOnlySections_IsAccepted()
    {
        var dataDir = Directory.CreateTempSubdirectory("switchyard-cli-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dataDir, "switchyard.json"),
            """{"Auth":{"ApiKeys":[{"Name":"me","Key":"k1"}]},"Scheduling":{"Strategy":"sticky"},"RateLimits":{}}""",
            TestContext.Current.CancellationToken);
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await SwitchyardCli.RunAsync(["accounts", "list", "--json", "--data-dir", dataDir], output, error, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, error.ToString());
        Assert.Equal("[]", output.ToString().Trim());
    }
}
