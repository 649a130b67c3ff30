namespace Switchyard.RateLimits;

/// <summary>
/// Restores cooldowns at start, writes them whenever they changed (checked every
/// <see cref="SaveInterval"/>), and once more at a clean stop.
/// </summary>
internal sealed partial class CooldownPersistence(CooldownTracker tracker, CooldownStore store, TimeProvider time, ILogger<CooldownPersistence> logger)
    : IHostedService, IAsyncDisposable
{
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _saving = new(1, 1);
    private ITimer? _timer;
    private long _savedVersion = -1;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var entries = await store.LoadAsync(cancellationToken);
        tracker.Restore(entries);
        _savedVersion = tracker.Version;
        if (entries.Count > 0)
        {
            LogRestored(entries.Count);
        }

        _timer = time.CreateTimer(_ => _ = SaveIfChangedAsync(CancellationToken.None), null, SaveInterval, SaveInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }

        await SaveIfChangedAsync(cancellationToken);
    }

    /// <summary>Writes the tracker's cooldowns when they changed since the last write.</summary>
    public async Task SaveIfChangedAsync(CancellationToken cancellationToken)
    {
        await _saving.WaitAsync(cancellationToken);
        try
        {
            var version = tracker.Version;
            if (version == Interlocked.Read(ref _savedVersion))
            {
                return;
            }

            await store.SaveAsync(tracker.Snapshot(), cancellationToken);
            Interlocked.Exchange(ref _savedVersion, version);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogSaveFailed(ex.Message);
        }
        finally
        {
            _saving.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        _saving.Dispose();
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Restored {Count} cooldowns from the database")]
    private partial void LogRestored(int count);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Could not save cooldowns: {Reason}")]
    private partial void LogSaveFailed(string reason);
}
