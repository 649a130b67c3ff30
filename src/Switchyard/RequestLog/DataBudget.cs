using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.Storage;

namespace Switchyard.RequestLog;

/// <summary>
/// The data directory's size against <see cref="StorageOptions.DataBudgetMegabytes"/>: measured on demand (by retention,
/// on its timer), kept as <see cref="Current"/> for /metrics and the admin API, and logged when it goes over or comes
/// back under. Thread-safe.
/// </summary>
internal sealed partial class DataBudget(GatewayPaths paths, RequestLogDb db, IOptions<StorageOptions> storage, TimeProvider time, ILogger<DataBudget> logger)
{
    private const long Megabyte = 1024 * 1024;
    private volatile DataBudgetStatus? _current;
    private volatile bool _stillOverReported;

    public long BudgetBytes => storage.Value.DataBudgetMegabytes * Megabyte;

    /// <summary>The last measurement (measured now if there is none yet).</summary>
    public DataBudgetStatus Current => _current ?? Measure();

    /// <summary>Measures now; logs a warning when the directory went over its budget, information when back under.</summary>
    public DataBudgetStatus Measure()
    {
        var logFiles = new[] { db.DatabasePath, db.DatabasePath + "-wal", db.DatabasePath + "-shm" };
        var status = new DataBudgetStatus(
            DataDirectorySize.Measure(paths.DataDir),
            BudgetBytes,
            logFiles.Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0),
            time.GetUtcNow());
        var before = _current;
        _current = status;
        if (status.OverBudget && before?.OverBudget != true)
        {
            LogOver(status.UsedBytes / Megabyte, status.BudgetBytes / Megabyte);
        }
        else if (!status.OverBudget && before?.OverBudget == true)
        {
            LogBackUnder(status.UsedBytes / Megabyte, status.BudgetBytes / Megabyte);
        }

        if (!status.OverBudget)
        {
            _stillOverReported = false;
        }

        return status;
    }

    /// <summary>Reports (once until it is back under) a directory still over budget after the request log gave back all it could.</summary>
    public void ReportStillOver(DataBudgetStatus status)
    {
        if (!_stillOverReported)
        {
            _stillOverReported = true;
            LogStillOver(status.UsedBytes / Megabyte, status.BudgetBytes / Megabyte);
        }
    }

    [LoggerMessage(EventId = 7020, Level = LogLevel.Warning, Message = "The data directory holds {UsedMb} MB, over its budget of {BudgetMb} MB (Storage:DataBudgetMegabytes); the oldest request log rows are being deleted")]
    private partial void LogOver(long usedMb, long budgetMb);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "The data directory holds {UsedMb} MB, back within its budget of {BudgetMb} MB")]
    private partial void LogBackUnder(long usedMb, long budgetMb);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Warning, Message = "The data directory still holds {UsedMb} MB, over its budget of {BudgetMb} MB, with nothing left in the request log to delete; raise Storage:DataBudgetMegabytes or free space in it")]
    private partial void LogStillOver(long usedMb, long budgetMb);
}
