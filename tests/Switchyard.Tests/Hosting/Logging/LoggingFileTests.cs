using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.Hosting.Logging;

#pragma warning disable CA1848, CA1873 // The tests call the logger the way any caller could.

namespace Switchyard.Tests.Hosting.Logging;

public sealed partial class LoggingFileTests
{
    private static LoggingFileProvider Provider(TempDir dir, LoggingFileOptions options) => new(Options.Create(options), new GatewayPaths(dir.Path));

    /// <summary>The server's logging set up as GatewayApp does it, from these settings.</summary>
    private static ServiceProvider Logging(TempDir dir, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Switchyard.Hosting.GatewayConfiguration.Defaults)
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(new GatewayPaths(dir.Path));
        services.AddGatewayOptions<LoggingFileOptions>(LoggingFileOptions.Section, new LoggingFileOptionsValidator());
        services.AddLogging(b => LoggingSetup.Configure(b, configuration));
        return services.BuildServiceProvider();
    }

    private static string[] Lines(TempDir dir) => File.ReadAllLines(Path.Combine(dir.Path, "logs", "switchyard.log"));

    [Fact]
    public void Log_Enabled_WritesOneJsonObjectPerLineWithCategoryEventIdAndNamedValues()
    {
        using var dir = new TempDir();
        using (var provider = Provider(dir, new LoggingFileOptions { Enabled = true }))
        {
            var logger = provider.CreateLogger("Switchyard.Test");
            LogPicked(logger, "acc-1", 3);
            logger.LogWarning("plain warning line");
        }

        var lines = Lines(dir);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("Switchyard.Test", root.GetProperty("SourceContext").GetString());
        Assert.Equal(42, root.GetProperty("EventId").GetProperty("Id").GetInt32());
        Assert.Equal("Picked acc-1 after 3 attempts", root.GetProperty("@m").GetString());
        Assert.Equal("acc-1", root.GetProperty("AccountId").GetString());
        Assert.Equal("Information", root.GetProperty("@l").GetString());
        Assert.True(root.TryGetProperty("@t", out _));
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("Warning", second.RootElement.GetProperty("@l").GetString());
    }

    [Fact]
    public void Log_Disabled_WritesNothing()
    {
        using var dir = new TempDir();
        using (var provider = Provider(dir, new LoggingFileOptions()))
        {
            provider.CreateLogger("x").LogWarning("nothing to see");
        }

        Assert.False(Directory.Exists(Path.Combine(dir.Path, "logs")));
    }

    [Fact]
    public void Setup_MinimumLevelDebug_DebugLinesReachTheFileThoughTheConsoleDefaultIsInformation()
    {
        using var dir = new TempDir();
        using (var services = Logging(dir, ("LogFiles:Enabled", "true"), ("LogFiles:MinimumLevel", "Debug")))
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Dispatch");
            logger.LogTrace("below the floor");
            logger.LogDebug("debug detail");
        }

        var line = Assert.Single(Lines(dir));
        Assert.Contains("debug detail", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_MinimumLevelWarning_InformationIsSkipped()
    {
        using var dir = new TempDir();
        using (var services = Logging(dir, ("LogFiles:Enabled", "true"), ("LogFiles:MinimumLevel", "Warning")))
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Dispatch");
            logger.LogInformation("skipped");
            logger.LogWarning("kept");
        }

        var line = Assert.Single(Lines(dir));
        Assert.Contains("kept", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_LoggingSectionPerCategory_IsApplied()
    {
        using var dir = new TempDir();
        using (var services = Logging(dir, ("LogFiles:Enabled", "true"), ("Logging:File:LogLevel:Switchyard.Noisy", "Error")))
        {
            var factory = services.GetRequiredService<ILoggerFactory>();
            factory.CreateLogger("Switchyard.Noisy").LogWarning("quiet please");
            factory.CreateLogger("Switchyard.Other").LogWarning("other kept");
        }

        var line = Assert.Single(Lines(dir));
        Assert.Contains("other kept", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_InsideAScope_CarriesTheScopeValues()
    {
        using var dir = new TempDir();
        using (var services = Logging(dir, ("LogFiles:Enabled", "true")))
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Dispatch");
            using (logger.BeginScope(new Dictionary<string, object?> { ["RequestId"] = "0198-request" }))
            {
                logger.LogWarning("inside");
            }
        }

        using var doc = JsonDocument.Parse(Assert.Single(Lines(dir)));
        Assert.Equal("0198-request", doc.RootElement.GetProperty("RequestId").GetString());
    }

    [Fact]
    public void Log_PastMaxFileBytes_RollsAndKeepsAtMostMaxFiles()
    {
        using var dir = new TempDir();
        using (var provider = Provider(dir, new LoggingFileOptions { Enabled = true, MaxFileBytes = 1024, MaxFiles = 3 }))
        {
            var logger = provider.CreateLogger("x");
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("line {Number} {Padding}", i, new string('p', 100));
            }
        }

        var files = Directory.GetFiles(Path.Combine(dir.Path, "logs"));
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 1024 + 512)); // the line that crosses the limit stays
        var text = string.Concat(files.Select(File.ReadAllText));
        Assert.Contains("line 99 ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 0 ", text, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Log_NewFile_IsOwnerOnly()
    {
        using var dir = new TempDir();
        using (var provider = Provider(dir, new LoggingFileOptions { Enabled = true }))
        {
            provider.CreateLogger("x").LogInformation("hello");
        }

        Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(Path.Combine(dir.Path, "logs", "switchyard.log")));
    }

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "Picked {AccountId} after {Attempts} attempts")]
    private static partial void LogPicked(ILogger logger, string accountId, int attempts);
}
