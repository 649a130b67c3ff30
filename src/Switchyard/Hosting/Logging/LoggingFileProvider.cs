using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Extensions.Logging;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Logging;

/// <summary>
/// The log file: when <see cref="LoggingFileOptions.Enabled"/>, Serilog's file sink (configured here in code, no
/// reflection) writes every entry the logging filters let through as one JSON object per line
/// (<see cref="LogFileFormatter"/>: <c>@t</c> time, <c>@l</c> level, <c>@m</c> message, <c>@x</c> exception,
/// <c>SourceContext</c> the category, <c>EventId</c>, the message's named values and the scope's values such as
/// <c>RequestId</c>), rolling to
/// <c>name_001.log</c>, <c>name_002.log</c>, … at <see cref="LoggingFileOptions.MaxFileBytes"/> and keeping
/// <see cref="LoggingFileOptions.MaxFiles"/> files, each owner-only. Invalid options turn it off; the start-up check
/// reports them. The level floor is <see cref="LoggingFileOptions.MinimumLevel"/> (a filter rule for this provider,
/// added by <see cref="LoggingSetup"/>).
/// </summary>
[ProviderAlias("File")]
internal sealed class LoggingFileProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly SerilogLoggerProvider? _inner;
    private readonly Serilog.Core.Logger? _logger;

    public LoggingFileProvider(IOptions<LoggingFileOptions> options, GatewayPaths paths)
    {
        LoggingFileOptions? o;
        try
        {
            o = options.Value;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            o = null;
        }

        if (o is not { Enabled: true })
        {
            return;
        }

        var directory = Path.Combine(paths.DataDir, o.Directory);
        DataDirectory.Ensure(directory);
        CurrentPath = Path.Combine(directory, o.FileName);
        _logger = new Serilog.LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(
                new LogFileFormatter(),
                CurrentPath,
                fileSizeLimitBytes: o.MaxFileBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: o.MaxFiles,
                shared: false,
                flushToDiskInterval: null,
                hooks: new OwnerOnlyLogFiles())
            .CreateLogger();
        _inner = new SerilogLoggerProvider(_logger, dispose: false);
    }

    /// <summary>The first file (later ones get <c>_001</c>, <c>_002</c>, … before the extension), or null when file logging is off.</summary>
    public string? CurrentPath { get; }

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) =>
        _inner?.CreateLogger(categoryName) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _inner?.SetScopeProvider(scopeProvider);

    public void Dispose()
    {
        _inner?.Dispose();
        _logger?.Dispose();
    }
}
