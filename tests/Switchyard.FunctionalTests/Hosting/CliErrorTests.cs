using System.Net;
using System.Net.Sockets;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.Hosting.Cli;

namespace Switchyard.FunctionalTests.Hosting;

/// <summary>Every expected CLI failure is one line on standard error with a documented exit code (CliExit), never a stack trace.</summary>
public sealed class CliErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<CliRun> RunAsync(params string[] args) => CliRunner.RunAsync(args);

    private static void AssertOneLine(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got: {error}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownFlag_OneLineNamingItAndHelp_Exit2()
    {
        var (exit, output, error) = await RunAsync("quota", "--no-such-flag");

        Assert.Equal(CliExit.Usage, exit);
        AssertOneLine(error);
        Assert.Contains("--no-such-flag", error, StringComparison.Ordinal);
        Assert.Contains("switchyard quota --help", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Run_BadFlagValue_OneLine_Exit2()
    {
        var (exit, _, error) = await RunAsync("serve", "--port", "eighty");

        Assert.Equal(CliExit.Usage, exit);
        AssertOneLine(error);
        Assert.Contains("eighty", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DataDirIsAFile_OneLineSayingSo_Exit2()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exit, _, error) = await RunAsync("accounts", "list", "--data-dir", file);

            Assert.Equal(CliExit.Usage, exit);
            AssertOneLine(error);
            Assert.Contains($"Data directory {file} is a file", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_DataDirCannotBeCreated_OneLineSayingSo_Exit2()
    {
        var file = Path.GetTempFileName();
        try
        {
            var below = Path.Combine(file, "data");
            var (exit, _, error) = await RunAsync("serve", "--data-dir", below);

            Assert.Equal(CliExit.Usage, exit);
            AssertOneLine(error);
            Assert.Contains($"Cannot create data directory {below}", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Serve_PortInUse_OneLineCannotListen_Exit1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dataDir = Directory.CreateTempSubdirectory("switchyard-port-").FullName;

        var (exit, _, error) = await RunAsync("serve", "--data-dir", dataDir, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(CliExit.Failure, exit);
        AssertOneLine(error);
        Assert.StartsWith("Cannot listen:", error, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_PortInUse_OneLineCannotListen_Exit1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, _, error) = await RunAsync("emulator", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(CliExit.Failure, exit);
        AssertOneLine(error);
        Assert.StartsWith("Cannot listen:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_UrlsWithTwoAddresses_RefusedWithMessage_Exit2()
    {
        var dataDir = Directory.CreateTempSubdirectory("switchyard-urls-").FullName;

        var (exit, _, error) = await RunAsync("serve", "--data-dir", dataDir, "--urls", "http://127.0.0.1:1;http://127.0.0.1:2");

        Assert.Equal(CliExit.Usage, exit);
        Assert.Contains("--urls=http://127.0.0.1:1;http://127.0.0.1:2: Switchyard listens on one address", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_NonLoopbackWithKeysButNoAdminPassword_RefusedNamingTheFix_Exit2()
    {
        var dataDir = Directory.CreateTempSubdirectory("switchyard-exposed-").FullName;

        var (exit, _, error) = await RunAsync(
            "serve", "--data-dir", dataDir, "--urls", "http://0.0.0.0:0", "--set", "Auth:ApiKeys:0:Name=k", "--set", "Auth:ApiKeys:0:Key=sk-test-key-1");

        Assert.Equal(CliExit.Usage, exit);
        Assert.Contains("no admin password is set", error, StringComparison.Ordinal);
        Assert.Contains("switchyard admin set-password", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheProjectVersion()
    {
        var (exit, output, _) = await RunAsync("--version");

        Assert.Equal(CliExit.Ok, exit);
        Assert.StartsWith("0.17.0", output, StringComparison.Ordinal);
    }
}
