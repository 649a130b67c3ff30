using Microsoft.Extensions.Primitives;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Reload;

/// <summary>
/// Applies changes to <c>switchyard.json</c> while the gateway runs (issue 22). On every change the file is read into a
/// candidate, put in place unannounced and checked like a start (unknown sections and keys, values, every validator,
/// each section bound anew); with any error the previous values go back, every error is logged and shown by
/// <c>GET /admin/api/config</c>, and nothing changed. Without errors the candidate is announced: every options monitor
/// (model mappings, client keys, rate-limit ladders, upstream hosts, quota thresholds, scheduling, log levels…) reads it
/// for the next request. Keys of <see cref="ConfigReloadState.RestartOnlySections"/> keep their running values and are
/// reported as waiting for a restart. One reload at a time.
/// </summary>
internal sealed partial class ConfigReloader(
    IConfiguration configuration,
    IServiceProvider services,
    IConfigFileWatcher watcher,
    ConfigReloadState state,
    TimeProvider time,
    ILogger<ConfigReloader> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = ChangeToken.OnChange(watcher.Watch, () => Reload());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _subscription?.Dispose();

    /// <summary>Reads, checks and applies the file; returns the outcome (also kept in <see cref="ConfigReloadState"/>).</summary>
    public ConfigReloadStatus Reload()
    {
        lock (_gate)
        {
            var status = ReloadLocked();
            state.Set(status);
            return status;
        }
    }

    private ConfigReloadStatus ReloadLocked()
    {
        var previous = state.Current;
        var now = time.GetUtcNow();
        if (((IConfigurationRoot)configuration).Providers.OfType<ConfigFileProvider>().SingleOrDefault() is not { } file)
        {
            return previous with { At = now, Applied = false, Errors = ["The configuration file is not among the configuration sources."] };
        }

        Dictionary<string, string?> candidate;
        try
        {
            candidate = file.ReadCandidate();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or System.Text.Json.JsonException)
        {
            var reasons = new List<string>();
            for (Exception? e = ex; e is not null; e = e.InnerException)
            {
                reasons.Add(e.Message);
            }

            return Refused(previous, now, [$"{DataDirectory.ConfigFileName} is not valid JSON: {string.Join(" ", reasons)}"]);
        }

        var old = file.Values;
        var pending = new List<string>();
        foreach (var key in old.Keys.Union(candidate.Keys, StringComparer.OrdinalIgnoreCase).ToList())
        {
            if (!ConfigReloadState.RestartOnlySections.Any(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase) || key.Equals(s, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            old.TryGetValue(key, out var running);
            if (candidate.TryGetValue(key, out var wanted) && wanted == running && old.ContainsKey(key))
            {
                continue;
            }

            pending.Add(key);
            if (old.ContainsKey(key))
            {
                candidate[key] = running;
            }
            else
            {
                candidate.Remove(key);
            }
        }

        var changed = old.Keys.Union(candidate.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(k => !old.TryGetValue(k, out var a) | !candidate.TryGetValue(k, out var b) || a != b)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        file.Replace(candidate);
        List<string> errors;
        try
        {
            errors = StartupCheck.Run(services, configuration, fresh: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            errors = [ex.Message];
        }

        if (errors.Count > 0)
        {
            file.Replace(old);
            return Refused(previous, now, errors);
        }

        foreach (var key in pending)
        {
            LogRestartNeeded(key);
        }

        if (changed.Count == 0)
        {
            return previous with { At = now, Applied = true, Errors = [], Changed = [], RestartPending = pending };
        }

        file.Announce();
        var keys = string.Join(", ", changed.Take(20));
        LogApplied(changed.Count, keys);
        return new ConfigReloadStatus(previous.Version + 1, now, true, [], changed, pending, ConfigReloadState.RestartOnlySections);
    }

    private ConfigReloadStatus Refused(ConfigReloadStatus previous, DateTimeOffset now, List<string> errors)
    {
        LogRefused(errors.Count);
        foreach (var error in errors)
        {
            LogError(error);
        }

        return previous with { At = now, Applied = false, Errors = errors, Changed = [] };
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Configuration reloaded: {Count} settings changed ({Keys})")]
    private partial void LogApplied(int count, string keys);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Configuration change refused ({Count} errors); the previous configuration stays in force")]
    private partial void LogRefused(int count);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "  {Error}")]
    private partial void LogError(string error);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "'{Key}' changed in the configuration file; it takes effect only after a restart")]
    private partial void LogRestartNeeded(string key);
}
