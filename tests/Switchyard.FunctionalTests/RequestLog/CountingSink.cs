using Switchyard.RequestLog;

namespace Switchyard.FunctionalTests.RequestLog;

/// <summary>
/// Registered after the gateway's own sinks, so when it has seen a request the request log has queued it too
/// (the sinks run after the response has gone to the client, so a test cannot rely on its response alone).
/// </summary>
internal sealed class CountingSink : IRequestSink
{
    private readonly Lock _gate = new();
    private readonly List<(long Count, TaskCompletionSource Done)> _waiters = [];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(RequestTrace trace)
    {
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            _count++;
            ready = [.. _waiters.Where(w => w.Count <= _count).Select(w => w.Done)];
            _waiters.RemoveAll(w => w.Count <= _count);
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests have finished since start.</summary>
    public Task WaitForAsync(long count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }
}
