using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Storage;

namespace Switchyard.Dispatch;

/// <summary>
/// Keeps the <see cref="ThinkingMemory"/> on disk (<see cref="ThinkingStore"/>): reads it back at start, before the
/// server takes requests, and then writes every change as it happens (in the background: a change is queued, never
/// waited for). At a clean stop the queue is written out. A database that cannot be opened leaves the memory
/// working without disk, with a warning.
/// </summary>
internal sealed partial class ThinkingPersistence(
    ThinkingMemory memory,
    IOptions<ThinkingMemoryOptions> options,
    GatewayPaths paths,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<ThinkingPersistence> logger) : IHostedService, IThinkingJournal
{
    private const int BatchSize = 256;

    private readonly Channel<ThinkingRow> _queue = Channel.CreateBounded<ThinkingRow>(
        new BoundedChannelOptions(Math.Max(16, options.Value.Capacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private ThinkingStore? _store;
    private Task? _writer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Persist)
        {
            return;
        }

        var store = new ThinkingStore(paths.DataDir, Path.Combine(paths.DataDir, settings.DatabaseFile), storage.Value.BusyTimeoutSeconds, 2 * settings.Capacity);
        try
        {
            var rows = await store.LoadAsync(time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            memory.Load(rows.Select(ToStored));
            if (rows.Count > 0)
            {
                LogRestored(rows.Count);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            LogUnavailable(ex.Message);
            return;
        }

        _store = store;
        memory.Journal = this;
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            return;
        }

        memory.Journal = null;
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(cancellationToken);
    }

    public void Saved(string key, SignedThinking thinking, DateTimeOffset expires) =>
        _queue.Writer.TryWrite(new ThinkingRow(key, thinking.Text, thinking.Signature, thinking.Family.ToString(), expires.ToUnixTimeMilliseconds()));

    public void Rejected(string key, DateTimeOffset expires) =>
        _queue.Writer.TryWrite(new ThinkingRow(key, "", "", "", expires.ToUnixTimeMilliseconds()));

    /// <summary>Writes what is queued, as it arrives, in batches; ends when the queue is completed and empty.</summary>
    private async Task WriteLoopAsync()
    {
        var batch = new List<ThinkingRow>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            try
            {
                await _store!.WriteAsync(batch, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
            {
                LogWriteFailed(batch.Count, ex.Message);
            }

            batch.Clear();
        }
    }

    private static StoredThinking ToStored(ThinkingRow row)
    {
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAtMs);
        return Enum.TryParse<ModelFamily>(row.Family, out var family)
            ? new StoredThinking(row.Key, new SignedThinking(row.Text, row.Signature, family), expires)
            : new StoredThinking(row.Key, null, expires);
    }

    [LoggerMessage(EventId = 3611, Level = LogLevel.Information, Message = "Restored {Count} remembered thinking entries from the database")]
    private partial void LogRestored(int count);

    [LoggerMessage(EventId = 3612, Level = LogLevel.Warning, Message = "The thinking database cannot be used ({Reason}); remembered thinking is kept in memory only")]
    private partial void LogUnavailable(string reason);

    [LoggerMessage(EventId = 3613, Level = LogLevel.Warning, Message = "Could not write {Count} remembered thinking entries: {Reason}")]
    private partial void LogWriteFailed(int count, string reason);
}
