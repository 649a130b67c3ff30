using Microsoft.Extensions.Options;

namespace Switchyard.RequestLog;

/// <summary>
/// Enforces <see cref="RequestLogOptions.RetentionDays"/> (rows), <see cref="RequestLogOptions.StatisticsRetentionDays"/> (hourly statistics) and
/// <see cref="RequestLogOptions.MaxRows"/> once at start and then every
/// <see cref="RequestLogOptions.RetentionIntervalSeconds"/>, and the data directory's budget (<see cref="DataBudget"/>)
/// at each of those runs and every <see cref="BudgetInterval"/> in between, all on the <see cref="TimeProvider"/>'s
/// timers. Runs never overlap.
/// </summary>
internal sealed partial class RequestLogRetention(
    RequestLogStore store,
    IOptions<RequestLogOptions> options,
    DataBudget budget,
    TimeProvider time,
    ILogger<RequestLogRetention> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>How often the data directory is measured against its budget between retention runs.</summary>
    public static readonly TimeSpan BudgetInterval = TimeSpan.FromSeconds(30);

    /// <summary>Rounds of deleting the oldest quarter before a directory still over budget is reported.</summary>
    private const int MaxBudgetRounds = 24;

    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _chainGate = new();
    private ITimer? _timer;
    private ITimer? _budgetTimer;
    private long _deleted;

    /// <summary>The latest run started by the timer; it starts after the one before it ends (tests await it after advancing the clock).</summary>
    public Task LastRun { get; private set; } = Task.CompletedTask;

    /// <summary>Rows deleted since start.</summary>
    public long Deleted => Interlocked.Read(ref _deleted);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        var interval = TimeSpan.FromSeconds(options.Value.RetentionIntervalSeconds);
        _timer = time.CreateTimer(_ => Tick(budgetOnly: false), null, interval, interval);
        _budgetTimer = time.CreateTimer(_ => Tick(budgetOnly: true), null, BudgetInterval, BudgetInterval);
    }

    private void Tick(bool budgetOnly)
    {
        lock (_chainGate)
        {
            LastRun = AfterAsync(LastRun, budgetOnly);
        }
    }

    private async Task AfterAsync(Task previous, bool budgetOnly)
    {
        await previous;
        if (budgetOnly)
        {
            await EnforceBudgetAsync(_stopping.Token);
        }
        else
        {
            await RunOnceAsync(_stopping.Token);
        }
    }

    /// <summary>Measures the data directory; while it is over budget, deletes the oldest rows (then statistics). Returns what was deleted.</summary>
    public Task<int> EnforceBudgetAsync(CancellationToken cancellationToken) => LockedAsync(EnforceBudgetLockedAsync, cancellationToken);

    /// <summary>Deletes what the options say should go (after any run already going); returns the rows deleted.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => LockedAsync(ApplyLockedAsync, cancellationToken);

    /// <summary>Runs <paramref name="work"/> alone (after any run already going); a cancelled or failed run deletes nothing and is retried on the next tick.</summary>
    private async Task<int> LockedAsync(Func<CancellationToken, Task<int>> work, CancellationToken cancellationToken)
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
            return await work(cancellationToken);
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

    private async Task<int> EnforceBudgetLockedAsync(CancellationToken cancellationToken)
    {
        var status = budget.Measure();
        var deleted = 0;
        for (var round = 0; status.OverBudget && round < MaxBudgetRounds; round++)
        {
            var step = await store.DeleteOldestAsync(cancellationToken);
            if (step == 0)
            {
                break;
            }

            deleted += step;
            status = budget.Measure();
        }

        if (status.OverBudget)
        {
            budget.ReportStillOver(status);
        }

        if (deleted > 0)
        {
            Interlocked.Add(ref _deleted, deleted);
            LogBudgetDeleted(deleted, status.UsedBytes / (1024 * 1024));
        }

        return deleted;
    }

    private async Task<int> ApplyLockedAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        DateTimeOffset? cutoff = o.RetentionDays > 0 ? now - TimeSpan.FromDays(o.RetentionDays) : null;
        DateTimeOffset? statisticsCutoff = o.StatisticsRetentionDays > 0 ? now - TimeSpan.FromDays(o.StatisticsRetentionDays) : null;
        var deleted = await store.ApplyRetentionAsync(cutoff, statisticsCutoff, o.MaxRows, cancellationToken);
        Interlocked.Add(ref _deleted, deleted);
        if (deleted > 0)
        {
            LogDeleted(deleted);
        }

        return deleted + await EnforceBudgetLockedAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }

        if (_budgetTimer is not null)
        {
            await _budgetTimer.DisposeAsync();
            _budgetTimer = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        if (_budgetTimer is not null)
        {
            await _budgetTimer.DisposeAsync();
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Request log retention deleted {Count} rows")]
    private partial void LogDeleted(int count);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Data budget: deleted {Count} request log rows or statistics; the data directory now holds {UsedMb} MB")]
    private partial void LogBudgetDeleted(int count, long usedMb);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Request log retention failed: {Reason}")]
    private partial void LogFailed(string reason);
}
