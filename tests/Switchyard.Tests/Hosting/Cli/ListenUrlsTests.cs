using Switchyard.Hosting.Cli;

namespace Switchyard.Tests.Hosting.Cli;

public sealed class ListenUrlsTests
{
    private static (string? Used, Dictionary<string, string?> Settings, List<string> Errors) Apply(string? flag, params (string Name, string Value)[] environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        var used = ListenUrls.Apply(flag, name => environment.FirstOrDefault(e => e.Name == name).Value, settings, errors);
        return (used, settings, errors);
    }

    [Fact]
    public void Apply_AspNetCoreUrlsWithWildcard_BecomesHostAndPort()
    {
        var (used, settings, errors) = Apply(null, ("ASPNETCORE_URLS", "http://+:9000"));

        Assert.Empty(errors);
        Assert.Equal("ASPNETCORE_URLS=http://+:9000", used);
        Assert.Equal("0.0.0.0", settings["Server:Host"]);
        Assert.Equal("9000", settings["Server:Port"]);
    }

    [Fact]
    public void Apply_HttpPorts_SetsOnlyThePort()
    {
        var (_, settings, errors) = Apply(null, ("ASPNETCORE_HTTP_PORTS", "8080"));

        Assert.Empty(errors);
        Assert.False(settings.ContainsKey("Server:Host"));
        Assert.Equal("8080", settings["Server:Port"]);
    }

    [Fact]
    public void Apply_FlagWinsOverEnvironment_AndExplicitSettingsWinOverBoth()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Server:Port"] = "7000" };
        var errors = new List<string>();

        ListenUrls.Apply("http://127.0.0.2:9001", _ => "http://0.0.0.0:9002", settings, errors);

        Assert.Empty(errors);
        Assert.Equal("127.0.0.2", settings["Server:Host"]);
        Assert.Equal("7000", settings["Server:Port"]);
    }

    [Theory]
    [InlineData("https://0.0.0.0:443", "only a plain http://HOST:PORT address")]
    [InlineData("http://0.0.0.0:80/prefix", "only a plain http://HOST:PORT address")]
    [InlineData("http://a:1;http://b:2", "listens on one address")]
    public void Apply_WhatCannotBeHonoured_IsRefusedNamingTheSource(string urls, string expected)
    {
        var (used, settings, errors) = Apply(null, ("ASPNETCORE_URLS", urls));

        Assert.Null(used);
        Assert.Empty(settings);
        var error = Assert.Single(errors);
        Assert.StartsWith($"ASPNETCORE_URLS={urls}: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NothingSet_ChangesNothing()
    {
        var (used, settings, errors) = Apply(null);

        Assert.Null(used);
        Assert.Empty(settings);
        Assert.Empty(errors);
    }
}
