using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.Hosting;

namespace Switchyard.Tests.Hosting;

public sealed class StartupCheckTests
{
    private static (List<string> Errors, ServerOptions? Options) Check(TempDir dir, string? fileJson = null, Dictionary<string, string?>? settings = null, IDictionary<string, string>? environment = null)
    {
        if (fileJson is not null)
        {
            File.WriteAllText(dir.File(DataDirectory.ConfigFileName), fileJson);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        try
        {
            var app = GatewayApp.Build(dir.Path, settings ?? []);
            var errors = StartupCheck.Run(app.Services, app.Configuration);
            return (errors, errors.Count == 0 ? app.Services.GetRequiredService<IOptions<ServerOptions>>().Value : null);
        }
        finally
        {
            foreach (var key in (environment ?? new Dictionary<string, string>()).Keys)
            {
                Environment.SetEnvironmentVariable(key, null);
            }
        }
    }

    [Fact]
    public void Run_NoConfiguration_UsesLoopbackDefaults()
    {
        using var dir = new TempDir();

        var (errors, options) = Check(dir);

        Assert.Empty(errors);
        Assert.Equal("127.0.0.1", options!.Host);
        Assert.Equal(8045, options.Port);
    }

    [Fact]
    public void Run_StandardLoggingSection_IsAccepted()
    {
        using var dir = new TempDir();

        var (errors, _) = Check(dir, fileJson: """{"Logging":{"LogLevel":{"Default":"Debug","Microsoft.AspNetCore":"Information"},"Console":{"LogLevel":{"Default":"Warning"}}}}""");

        Assert.Empty(errors);
    }

    [Fact]
    public void Run_DemoFile_IsReadAfterTheConfigFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(DataDirectory.DemoFileName), """{"Server:Port":"9101"}""");

        var (errors, options) = Check(dir, fileJson: """{"Server":{"Port":9100}}""");

        Assert.Empty(errors);
        Assert.Equal(9101, options!.Port);
    }

    [Fact]
    public void Run_FileThenEnvironmentThenFlags_LaterSourceWins()
    {
        using var dir = new TempDir();

        var (errors, options) = Check(dir,
            fileJson: """{"Server":{"Port":9001,"Host":"localhost","MaxRequestBodyBytes":4096}}""",
            settings: new() { ["Server:Port"] = "9003" },
            environment: new Dictionary<string, string> { ["SWITCHYARD__Server__Port"] = "9002", ["SWITCHYARD__Server__Host"] = "::1" });

        Assert.Empty(errors);
        Assert.Equal(9003, options!.Port);
        Assert.Equal("::1", options.Host);
        Assert.Equal(4096, options.MaxRequestBodyBytes);
    }

    [Fact]
    public void Run_SeveralMistakes_ListsEveryOneByKey()
    {
        using var dir = new TempDir();

        var (errors, _) = Check(dir, fileJson: """{"Server":{"Port":"abc","Bogus":1},"Servr":{}}""");

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("'Servr'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'Server:Bogus'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'Server:Port'", StringComparison.Ordinal) && e.Contains("'abc'", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_ValuesOutOfRange_ListsEveryRule()
    {
        using var dir = new TempDir();

        var (errors, _) = Check(dir, settings: new()
        {
            ["Server:Port"] = "70000",
            ["Server:Host"] = "not a host!",
            ["Server:MaxRequestBodyBytes"] = "10",

            // A key, so the non-loopback host is not also reported as an open gateway.
            ["Auth:ApiKeys:0:Name"] = "k",
            ["Auth:ApiKeys:0:Key"] = "k",
        });

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("Port", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Server:Host", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxRequestBodyBytes", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseSettings_MalformedSetting_IsNamed()
    {
        var errors = new List<string>();

        var settings = GatewayConfiguration.ParseSettings(["Server:Port=1", "novalue", "Server__Host=::1"], errors);

        Assert.Equal("1", settings["Server:Port"]);
        Assert.Equal("::1", settings["Server:Host"]);
        Assert.Contains("'novalue'", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SchedulingRateLimitsAndAuthSections_AreKnownAndChecked()
    {
        using var dir = new TempDir();

        var (valid, _) = Check(dir, fileJson: """{"Scheduling":{"Mode":"CacheFirst","MaxWaitSeconds":30},"RateLimits":{},"Auth":{"ApiKeys":[{"Name":"me","Key":"k1"}]}}""");
        var (invalid, _) = Check(dir, settings: new() { ["Scheduling:Strategy"] = "fastest", ["Scheduling:Mode"] = "" });

        Assert.Empty(valid);
        Assert.Contains(invalid, e => e.Contains("fastest", StringComparison.Ordinal));
    }
}
