using System.Runtime;
using Microsoft.Extensions.Options;

namespace Switchyard.Foundation.Edge;

/// <summary>
/// Gives memory back after a burst. The garbage collector runs only when something allocates, so after a burst of
/// large bodies an idle server would keep its peak heap resident for good. Every
/// <see cref="ServerOptions.IdleTrimSeconds"/> (on the <see cref="TimeProvider"/>'s timer) this checks: no request in
/// flight, less than <see cref="IdleAllocationBytes"/> allocated since the last check (a health probe is still idle),
/// and resident memory more than <see cref="GrowthBytes"/> above what it was after the last trim; then one
/// aggressive, compacting collection (large objects included) returns the free pages. Idle and flat, it does
/// nothing, so a quiet server is not collected over and over.
/// </summary>
internal sealed partial class IdleMemoryTrimmer : IHostedService, IAsyncDisposable
{
    /// <summary>Growth since the last trim below which nothing is done.</summary>
    public const long GrowthBytes = 32L * 1024 * 1024;

    /// <summary>Allocation between two checks up to which the server counts as idle.</summary>
    public const long IdleAllocationBytes = 4L * 1024 * 1024;

    private readonly EdgeTraffic _traffic;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Func<long> _residentBytes;
    private readonly Func<long> _allocatedBytes;
    private readonly Action _collect;
    private readonly ILogger<IdleMemoryTrimmer> _logger;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private long _lastAllocated;
    private long _afterTrim;

    public IdleMemoryTrimmer(EdgeTraffic traffic, TimeProvider time, IOptions<ServerOptions> options, ILogger<IdleMemoryTrimmer> logger)
        : this(traffic, time, TimeSpan.FromSeconds(options.Value.IdleTrimSeconds), () => Environment.WorkingSet, () => GC.GetTotalAllocatedBytes(), Collect, logger)
    {
    }

    /// <summary>For tests: the memory readings and the collection are given.</summary>
    public IdleMemoryTrimmer(EdgeTraffic traffic, TimeProvider time, TimeSpan interval, Func<long> residentBytes, Func<long> allocatedBytes, Action collect, ILogger<IdleMemoryTrimmer> logger)
    {
        _traffic = traffic;
        _time = time;
        _interval = interval;
        _residentBytes = residentBytes;
        _allocatedBytes = allocatedBytes;
        _collect = collect;
        _logger = logger;
        _afterTrim = residentBytes();
        _lastAllocated = allocatedBytes();
    }

    /// <summary>Trims done since start.</summary>
    public int Trims { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_interval > TimeSpan.Zero)
        {
            _timer = _time.CreateTimer(_ => Check(), null, _interval, _interval);
        }

        return Task.CompletedTask;
    }

    /// <summary>One check (the timer's tick); true when it trimmed.</summary>
    public bool Check()
    {
        lock (_gate)
        {
            var allocated = _allocatedBytes();
            var idle = _traffic.InFlight == 0 && allocated - _lastAllocated < IdleAllocationBytes;
            _lastAllocated = allocated;
            var before = _residentBytes();
            if (!idle || before <= _afterTrim + GrowthBytes)
            {
                // Busy, or not grown: the next quiet check decides. A server that shrank on its own sets a lower mark.
                _afterTrim = Math.Min(_afterTrim, before);
                return false;
            }

            _collect();
            _afterTrim = _residentBytes();
            _lastAllocated = _allocatedBytes();
            Trims++;
            var gc = GC.GetGCMemoryInfo();
            LogTrimmed(before / (1024 * 1024), _afterTrim / (1024 * 1024), gc.HeapSizeBytes / (1024 * 1024), gc.TotalCommittedBytes / (1024 * 1024));
            return true;
        }
    }

    private static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
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
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Idle: compacted the heap, resident memory {BeforeMb} MB -> {AfterMb} MB (managed heap {HeapMb} MB, committed {CommittedMb} MB)")]
    private partial void LogTrimmed(long beforeMb, long afterMb, long heapMb, long committedMb);
}
