namespace Switchyard.Hosting.Logging;

/// <summary>
/// The server's logging: the standard <c>Logging</c> section (levels per category and per provider: <c>Console</c>,
/// <c>File</c>) over the defaults in <see cref="GatewayConfiguration"/>; the console, one line per entry with its scopes
/// (so a request's lines carry its <c>RequestId</c>); and the log file when <c>LogFiles:Enabled</c>, whose floor is
/// <c>LogFiles:MinimumLevel</c> (the framework's own categories stay at Information or above there).
/// </summary>
internal static class LoggingSetup
{
    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = true;
        });
        logging.Services.AddSingleton<ILoggerProvider, LoggingFileProvider>();
        var floor = FileFloor(configuration);
        var framework = floor > LogLevel.Information ? floor : LogLevel.Information;
        logging.AddFilter<LoggingFileProvider>(null, floor);
        logging.AddFilter<LoggingFileProvider>("Microsoft", framework);
        logging.AddFilter<LoggingFileProvider>("System", framework);

        // Kestrel's "Request starting" lines carry the client's query string, where Gemini clients send ?key=; the
        // request log records every request without it, so these lines stay out of every provider below Warning.
        logging.AddFilter(RequestLineCategory, LogLevel.Warning);
        logging.AddFilter<LoggingFileProvider>(RequestLineCategory, LogLevel.Warning);
    }

    /// <summary>The framework category that logs each request's URL, query string included.</summary>
    public const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary><c>LogFiles:MinimumLevel</c>, or its default when absent or invalid (the start-up check reports an invalid one).</summary>
    public static LogLevel FileFloor(IConfiguration configuration) =>
        Enum.TryParse<LogLevel>(configuration[$"{LoggingFileOptions.Section}:{nameof(LoggingFileOptions.MinimumLevel)}"], ignoreCase: true, out var level)
            ? level
            : new LoggingFileOptions().MinimumLevel;
}
