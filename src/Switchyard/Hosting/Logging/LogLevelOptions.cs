namespace Switchyard.Hosting.Logging;

/// <summary>
/// Log levels by category. Section <c>Logging</c>, as in ASP.NET Core: <c>{"Logging":{"LogLevel":{"Default":"Information",
/// "Switchyard.Dispatch":"Debug"}}}</c>. Read again when <c>switchyard.json</c> changes.
/// </summary>
internal sealed class LogLevelOptions
{
    public const string Section = "Logging";

    public Dictionary<string, LogLevel> LogLevel { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
