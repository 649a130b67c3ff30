using Switchyard.Foundation;

namespace Switchyard.Tests.Foundation;

public sealed class ServerOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(ServerOptions options) =>
        new ServerOptionsCustomValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.168.1.20")]
    public void Validate_AnAddressOrLocalhost_Passes(string host)
    {
        Assert.Empty(Failures(new ServerOptions { Host = host }));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "use 127.0.0.1 instead")]
    [InlineData("fe80::1%lo", "zone")]
    [InlineData("http://127.0.0.1", "not an IP address or localhost")]
    [InlineData("127.0.0.1:8045", "not an IP address or localhost")]
    [InlineData("myhost.example", "not an IP address or localhost")]
    [InlineData("256.1.1.1", "not an IP address or localhost")]
    [InlineData("a b", "not an IP address or localhost")]
    public void Validate_OddHost_OneClearLine(string host, string expected)
    {
        var failure = Assert.Single(Failures(new ServerOptions { Host = host }));

        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void Validate_BadAllowListEntries_NameEachOne()
    {
        var failures = Failures(new ServerOptions
        {
            AllowedHosts = ["gateway.example", "*.lan", "*", "bad host!"],
            AllowedOrigins = ["http://localhost:3000", "null", "https://app.example/path", "localhost:3000"],
        });

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("Server:AllowedHosts:3", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Server:AllowedOrigins:2", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Server:AllowedOrigins:3", StringComparison.Ordinal));
    }

    [Fact]
    public void BindProblem_AddressNotOnThisMachine_IsNamed()
    {
        Assert.Contains("not an address of this machine", ServerOptionsCustomValidator.BindProblem("192.0.2.77"), StringComparison.Ordinal);
        Assert.Null(ServerOptionsCustomValidator.BindProblem("127.0.0.1"));
        Assert.Null(ServerOptionsCustomValidator.BindProblem("0.0.0.0"));
    }
}
