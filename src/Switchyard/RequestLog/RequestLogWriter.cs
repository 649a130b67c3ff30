using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Switchyard.RequestLog;

/// <summary>
/// The request log's <see cref="IRequestSink"/>: <see cref="Record"/> copies the trace into a bounded queue and
/// returns (it never waits; when the queue is full the record is dropped and counted in <see cref="Dropped"/>).
/// One background loop drains the queue in batches of up to <see cref="RequestLogOptions.BatchSize"/>, each written
/// in one transaction; it starts with the host (or the first <see cref="FlushAsync"/>). The host's stop drains the queue after the server stopped taking requests, so a clean stop
/// loses nothing. <see cref="FlushAsync"/> waits until everything queued before the call is written.
/// </summary>
internal sealed partial class RequestLogWriter : IRequestSink, IHostedLifecycleService, IAsyncDisposable
{
    private readonly RequestLogStore _store;
    private readonly RequestLogOptions _options;
    private readonly ILogger<RequestLogWriter> _logger;
    private readonly Channel<RequestRecord> _queue;
    private readonly Lock _loopGate = new();
    private readonly TimeProvider _time;
    private readonly IKnownSecrets[] _secrets;
    private TaskCompletionSource _batchDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _flushNow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private Task? _loop;
    private long _queued;
    private long _processed;
    private long _written;
    private long _dropped;
    private long _failed;

    /// <param name="time">
    /// The clock of the gathering window (<see cref="RequestLogOptions.FlushIntervalMilliseconds"/>). The server gives
    /// it the system clock, not the gateway's: the window is an I/O matter, apart from the time requests reason about.
    /// </param>
    /// <param name="secrets">Configured secrets removed from captured bodies.</param>
    public RequestLogWriter(RequestLogStore store, IOptions<RequestLogOptions> options, ILogger<RequestLogWriter> logger, TimeProvider time, IEnumerable<IKnownSecrets>? secrets = null)
    {
        _secrets = [.. secrets ?? []];
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<RequestRecord>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Records dropped because the queue was full (or the writer had stopped).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records written (as rows when the log is enabled, always into the statistics).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records lost because their batch failed to write.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Records waiting to be written.</summary>
    public long QueueDepth => Math.Max(0, Interlocked.Read(ref _queued) - Interlocked.Read(ref _processed));

    public void Record(RequestTrace trace)
    {
        try
        {
            var body = _options.CaptureBodies && trace.RequestBody is { } text ? BodyRedactor.Redact(text, _options.MaxBodyBytes, _secrets.SelectMany(s => s.Values)) : null;
            var record = RequestRecord.From(trace, body);
            Interlocked.Increment(ref _queued);
            if (!_queue.Writer.TryWrite(record))
            {
                Interlocked.Decrement(ref _queued);
                Interlocked.Increment(ref _dropped);
            }
        }
#pragma warning disable CA1031 // A sink must not throw into the request pipeline.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _dropped);
            LogRecordFailed(ex.GetType().Name);
        }
    }

    /// <summary>Writes now what is queued (without waiting for the gathering window); completes when every record queued before the call has been written (or failed).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => WaitForAsync(Interlocked.Read(ref _queued), flush: true, cancellationToken);

    /// <summary>Completes once <paramref name="count"/> records in all have been written (or failed), at the writer's own pace.</summary>
    public Task WhenProcessedAsync(long count, CancellationToken cancellationToken) => WaitForAsync(count, flush: false, cancellationToken);

    private async Task WaitForAsync(long target, bool flush, CancellationToken cancellationToken)
    {
        while (true)
        {
            var signal = Volatile.Read(ref _batchDone).Task;
            if (Interlocked.Read(ref _processed) >= target)
            {
                return;
            }

            if (flush)
            {
                Volatile.Read(ref _flushNow).TrySetResult();
            }

            EnsureLoop();
            await signal.WaitAsync(cancellationToken);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureLoop();
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the server stopped: no more records can come; write what is queued.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        Stop();
        Task? loop;
        lock (_loopGate)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        Task? loop;
        lock (_loopGate)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop;
        }
    }

    private void Stop()
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        Volatile.Read(ref _flushNow).TrySetResult();
    }

    private void EnsureLoop()
    {
        if (Volatile.Read(ref _loop) is not null)
        {
            return;
        }

        lock (_loopGate)
        {
            _loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<RequestRecord>(_options.BatchSize);
        var reader = _queue.Reader;
        // One connection for the loop's life: opening and closing one per batch made each closing a WAL checkpoint,
        // which at one request at a time cost milliseconds per request. A failed batch drops the connection so
        // the next batch starts on a fresh one.
        SqliteConnection? connection = null;
        var window = TimeSpan.FromMilliseconds(_options.FlushIntervalMilliseconds);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            // Gather: under load a window's worth of requests goes into one transaction instead of one each.
            var flush = Volatile.Read(ref _flushNow);
            if (window > TimeSpan.Zero && !_stopping && !flush.Task.IsCompleted && reader.Count < _options.BatchSize)
            {
                await Task.WhenAny(Task.Delay(window, _time), flush.Task);
            }

            if (flush.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _flushNow, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), flush);
            }

            while (batch.Count < _options.BatchSize && reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            try
            {
                connection ??= await _store.Database.OpenAsync(CancellationToken.None);
                await RequestLogStore.InsertAsync(connection, batch, _options.Enabled, CancellationToken.None);
                Interlocked.Add(ref _written, batch.Count);
            }
#pragma warning disable CA1031 // One failed batch must not stop the log.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Interlocked.Add(ref _failed, batch.Count);
                LogBatchFailed(batch.Count, ex.Message);
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }
            }

            Interlocked.Add(ref _processed, batch.Count);
            batch.Clear();
            var done = Interlocked.Exchange(ref _batchDone, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            done.TrySetResult();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        Volatile.Read(ref _batchDone).TrySetResult();
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Request log: writing {Count} records failed: {Reason}")]
    private partial void LogBatchFailed(int count, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Request log: a record could not be queued ({Kind})")]
    private partial void LogRecordFailed(string kind);
}
