using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Foundation;
using Switchyard.Hosting.Logging;

#pragma warning disable CA1848, CA1873 // The tests call the logger the way any caller could.

namespace Switchyard.Tests.Hosting.Logging;

public sealed partial class LoggingFileTests
{
    private static LoggingFileProvider Provider(TempDir dir, LoggingFileOptions options) =>
        new(Options.Create(options), new GatewayPaths(dir.Path), new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Log_Enabled_WritesOneJsonObjectPerLineWithTheNamedValues()
    {
        using var dir = new TempDir();
        using (var provider = Provider(dir, new LoggingFileOptions { Enabled = true }))
        {
            var logger = provider.CreateLogger("Switchyard.Test");
            LogPicked(logger, "acc-1", 3);
            logger.LogDebug("plain debug line");
        }

        var lines = File.ReadAllLines(Path.Combine(dir.Path, "logs", "switchyard.log"));
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("Information", root.GetProperty("level").GetString());
        Assert.Equal("Switchyard.Test", root.GetProperty("category").GetString());
        Assert.Equal(42, root.GetProperty("eventId").GetInt32());
        Assert.Equal("Picked acc-1 after 3 attempts", root.GetProperty("message").GetString());
        Assert.Equal("acc-1", root.GetProperty("state").GetProperty("AccountId").GetString());
        Assert.Equal("2026-07-01T12:00:00+00:00", root.GetProperty("time").GetString());
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
    public void Log_BelowMinimumLevel_IsSkipped()
    {
        using var dir = new TempDir();
        using (var provider = Provider(dir, new LoggingFileOptions { Enabled = true, MinimumLevel = LogLevel.Warning }))
        {
            var logger = provider.CreateLogger("x");
            logger.LogInformation("skipped");
            logger.LogWarning("kept");
        }

        var line = Assert.Single(File.ReadAllLines(Path.Combine(dir.Path, "logs", "switchyard.log")));
        Assert.Contains("kept", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_PastMaxFileBytes_RotatesAndKeepsAtMostMaxFiles()
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

        var logs = Path.Combine(dir.Path, "logs");
        Assert.Equal(["switchyard.1.log", "switchyard.2.log", "switchyard.log"], Directory.GetFiles(logs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(logs), f => Assert.InRange(new FileInfo(f).Length, 1, 1024));
        Assert.Contains("line 99 ", File.ReadAllLines(Path.Combine(logs, "switchyard.log"))[^1], StringComparison.Ordinal);
        var newestRotated = File.ReadAllLines(Path.Combine(logs, "switchyard.1.log"));
        var current = File.ReadAllLines(Path.Combine(logs, "switchyard.log"));
        Assert.Equal(Number(newestRotated[^1]) + 1, Number(current[0]));
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

    private static int Number(string line)
    {
        using var doc = JsonDocument.Parse(line);
        return int.Parse(doc.RootElement.GetProperty("state").GetProperty("Number").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "Picked {AccountId} after {Attempts} attempts")]
    private static partial void LogPicked(ILogger logger, string accountId, int attempts);
}
