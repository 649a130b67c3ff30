using Microsoft.Extensions.Options;

namespace Switchyard.RequestLog;

/// <summary>
/// Enforces <see cref="RequestLogOptions.RetentionDays"/> and <see cref="RequestLogOptions.MaxRows"/>: once at start
/// and then every <see cref="RequestLogOptions.RetentionIntervalSeconds"/> on the <see cref="TimeProvider"/>'s timer.
/// Statistics are kept. Runs never overlap.
/// </summary>
internal sealed partial class RequestLogRetention(
    RequestLogStore store,
    IOptions<RequestLogOptions> options,
    TimeProvider time,
    ILogger<RequestLogRetention> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _chainGate = new();
    private ITimer? _timer;
    private long _deleted;

    /// <summary>The latest run started by the timer; it starts after the one before it ends (tests await it after advancing the clock).</summary>
    public Task LastRun { get; private set; } = Task.CompletedTask;

    /// <summary>Rows deleted since start.</summary>
    public long Deleted => Interlocked.Read(ref _deleted);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        var interval = TimeSpan.FromSeconds(options.Value.RetentionIntervalSeconds);
        _timer = time.CreateTimer(_ => Tick(), null, interval, interval);
    }

    private void Tick()
    {
        lock (_chainGate)
        {
            LastRun = AfterAsync(LastRun);
        }
    }

    private async Task AfterAsync(Task previous)
    {
        await previous;
        await RunOnceAsync(_stopping.Token);
    }

    /// <summary>Deletes what the options say should go (after any run already going); returns the rows deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        try
        {
            var o = options.Value;
            DateTimeOffset? cutoff = o.RetentionDays > 0 ? time.GetUtcNow() - TimeSpan.FromDays(o.RetentionDays) : null;
            var deleted = await store.ApplyRetentionAsync(cutoff, o.MaxRows, cancellationToken);
            Interlocked.Add(ref _deleted, deleted);
            if (deleted > 0)
            {
                LogDeleted(deleted);
            }

            return deleted;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
#pragma warning disable CA1031 // A failed run is retried on the next tick.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(ex.Message);
            return 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Request log retention deleted {Count} rows")]
    private partial void LogDeleted(int count);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Request log retention failed: {Reason}")]
    private partial void LogFailed(string reason);
}
