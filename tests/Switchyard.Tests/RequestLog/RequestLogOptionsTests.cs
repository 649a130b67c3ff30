using Switchyard.Hosting;

namespace Switchyard.Tests.RequestLog;

public sealed class RequestLogOptionsTests
{
    private static List<string> Check(TempDir dir, Dictionary<string, string?> settings)
    {
        var app = GatewayApp.Build(dir.Path, settings);
        return StartupCheck.Run(app.Services, app.Configuration);
    }

    [Fact]
    public void StartupCheck_DefaultsAndValidValues_Pass()
    {
        using var dir = new TempDir();

        var errors = Check(dir, new()
        {
            ["RequestLog:RetentionDays"] = "7",
            ["RequestLog:MaxRows"] = "1000",
            ["RequestLog:CaptureBodies"] = "true",
            ["LogFiles:Enabled"] = "true",
            ["LogFiles:MaxFiles"] = "3",
        });

        Assert.Empty(errors);
    }

    [Fact]
    public void StartupCheck_BadRequestLogAndLogFileValues_ListsEachByKey()
    {
        using var dir = new TempDir();

        var errors = Check(dir, new()
        {
            ["RequestLog:QueueCapacity"] = "0",
            ["RequestLog:RetentionDays"] = "-1",
            ["RequestLog:DatabaseFile"] = "../elsewhere.db",
            ["LogFiles:MaxFiles"] = "0",
            ["LogFiles:Directory"] = "/var/log",
        });

        var all = string.Join('\n', errors);
        Assert.Contains("QueueCapacity", all, StringComparison.Ordinal);
        Assert.Contains("RetentionDays", all, StringComparison.Ordinal);
        Assert.Contains("DatabaseFile", all, StringComparison.Ordinal);
        Assert.Contains("MaxFiles", all, StringComparison.Ordinal);
        Assert.Contains("Directory", all, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupCheck_UnknownRequestLogKey_IsAnError()
    {
        using var dir = new TempDir();

        var errors = Check(dir, new() { ["RequestLog:Retention"] = "7" });

        Assert.Contains("Unknown key 'RequestLog:Retention'.", errors);
    }
}
