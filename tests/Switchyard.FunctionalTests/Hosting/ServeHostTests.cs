using Switchyard.Hosting.Cli;

namespace Switchyard.FunctionalTests.Hosting;

/// <summary>Odd <c>--host</c> values end in one clear line and exit 2, never a stack trace or a bind to every interface.</summary>
public sealed class ServeHostTests
{
    [Theory]
    [InlineData("::ffff:127.0.0.1", "use 127.0.0.1 instead")]
    [InlineData("fe80::1%lo", "zone")]
    [InlineData("http://127.0.0.1", "not an IP address or localhost")]
    [InlineData("nosuchhost.invalid", "not an IP address or localhost")]
    [InlineData("192.0.2.77", "not an address of this machine")]
    public async Task Serve_OddHost_OneClearLineAndExit2(string host, string expected)
    {
        var dataDir = Directory.CreateTempSubdirectory("switchyard-serve-").FullName;
        var error = new StringWriter();

        var exit = await SwitchyardCli.RunAsync(
            ["serve", "--data-dir", dataDir, "--host", host, "--port", "0", "--set", "Auth:ApiKeys:0:Name=t", "--set", "Auth:ApiKeys:0:Key=k-0123456789"],
            TextWriter.Null, error, TestContext.Current.CancellationToken);

        var text = error.ToString();
        Assert.Equal(2, exit);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }
}
