using Switchyard.Foundation;

namespace Switchyard.Hosting;

/// <summary>At server start: the data directory and its files made owner-only, each change logged as a warning.</summary>
internal static partial class StartupPermissions
{
    public static void Tighten(string dataDir, ILogger logger)
    {
        foreach (var change in DataDirectory.Tighten(dataDir))
        {
            LogTightened(logger, change);
        }
    }

    [LoggerMessage(EventId = 3801, Level = LogLevel.Warning, Message = "{Change}")]
    private static partial void LogTightened(ILogger logger, string change);
}
