using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Logging;

/// <summary>
/// The file logger provider: when <see cref="LoggingFileOptions.Enabled"/>, every log entry at or above
/// <see cref="LoggingFileOptions.MinimumLevel"/> becomes one JSON line (time, level, category, event id, message, the
/// message's named values, the exception's type and message) in rotating files. Invalid options turn it off; the
/// start-up check reports them.
/// </summary>
[ProviderAlias("File")]
internal sealed class LoggingFileProvider : ILoggerProvider
{
    private readonly TimeProvider _time;
    private readonly LoggingFileSink? _sink;
    private readonly LogLevel _minimum = LogLevel.None;

    public LoggingFileProvider(IOptions<LoggingFileOptions> options, GatewayPaths paths, TimeProvider time)
    {
        _time = time;
        LoggingFileOptions? o;
        try
        {
            o = options.Value;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            o = null;
        }

        if (o is { Enabled: true })
        {
            _sink = new LoggingFileSink(Path.Combine(paths.DataDir, o.Directory), o);
            _minimum = o.MinimumLevel;
        }
    }

    /// <summary>The file written now, or null when file logging is off.</summary>
    public string? CurrentPath => _sink?.CurrentPath;

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose() => _sink?.Dispose();

    private bool IsEnabled(LogLevel level) => _sink is not null && level != LogLevel.None && level >= _minimum;

    private void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, string message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", _time.GetUtcNow());
            json.WriteString("level", level.ToString());
            json.WriteString("category", category);
            if (eventId.Id != 0)
            {
                json.WriteNumber("eventId", eventId.Id);
            }

            json.WriteString("message", message);
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                var any = false;
                foreach (var (key, value) in values)
                {
                    if (key == "{OriginalFormat}")
                    {
                        continue;
                    }

                    if (!any)
                    {
                        json.WriteStartObject("state");
                        any = true;
                    }

                    json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                if (any)
                {
                    json.WriteEndObject();
                }
            }

            if (exception is not null)
            {
                json.WriteString("exception", exception.GetType().FullName + ": " + exception.Message);
            }

            json.WriteEndObject();
        }

        _sink!.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private sealed class FileLogger(LoggingFileProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => provider.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!provider.IsEnabled(logLevel))
            {
                return;
            }

            provider.Write(category, logLevel, eventId, state, exception, formatter(state, exception));
        }
    }
}
