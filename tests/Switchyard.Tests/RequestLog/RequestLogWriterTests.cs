using Microsoft.Extensions.Time.Testing;
using Switchyard.RequestLog;

namespace Switchyard.Tests.RequestLog;

public sealed class RequestLogWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset T0 = RequestLogFixture.T0;

    [Fact]
    public async Task Record_ManyThenFlush_WritesEveryRecordInBatches()
    {
        using var f = new RequestLogFixture(new RequestLogOptions { BatchSize = 100 });
        await using var writer = f.Writer();
        await writer.StartAsync(Ct);

        for (var i = 0; i < 1234; i++)
        {
            writer.Record(RequestLogFixture.Trace(T0.AddMilliseconds(i)));
        }

        await writer.FlushAsync(Ct);

        Assert.Equal(1234, await f.Store.CountAsync(Ct));
        Assert.Equal((1234L, 0L, 0L, 0L), (writer.Written, writer.Dropped, writer.Failed, writer.QueueDepth));
    }

    [Fact]
    public async Task Record_WithoutFlush_WritesEverythingGatheredOnceTheWindowPasses()
    {
        using var f = new RequestLogFixture(new RequestLogOptions { FlushIntervalMilliseconds = 250 });
        var time = new TimerSignallingTimeProvider(T0);
        await using var writer = f.Writer(time);
        await writer.StartAsync(Ct);

        writer.Record(RequestLogFixture.Trace(T0));
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, Ct); // the writer woke for the first record and opened its window
        writer.Record(RequestLogFixture.Trace(T0.AddSeconds(1)));
        writer.Record(RequestLogFixture.Trace(T0.AddSeconds(2)));
        time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Equal((0L, 3L), (writer.Written, writer.QueueDepth));

        time.Advance(TimeSpan.FromMilliseconds(1));
        await writer.WhenProcessedAsync(3, Ct).WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, Ct);

        Assert.Equal(3, await f.Store.CountAsync(Ct));
        Assert.Equal((3L, 0L), (writer.Written, writer.QueueDepth));
    }

    [Fact]
    public async Task FlushAsync_InsideTheWindow_WritesWithoutWaitingForIt()
    {
        using var f = new RequestLogFixture(new RequestLogOptions { FlushIntervalMilliseconds = 10_000 });
        var time = new TimerSignallingTimeProvider(T0);
        await using var writer = f.Writer(time);
        await writer.StartAsync(Ct);
        writer.Record(RequestLogFixture.Trace(T0));
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, Ct);

        await writer.FlushAsync(Ct); // the fake clock never moves: only the flush can end the window

        Assert.Equal(1, await f.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task Record_QueueFull_DropsWithoutWaitingAndCountsTheDrops()
    {
        using var f = new RequestLogFixture(new RequestLogOptions { QueueCapacity = 3 });
        await using var writer = f.Writer();

        // Not started: nothing drains the queue, so the fourth and fifth records find it full.
        for (var i = 0; i < 5; i++)
        {
            writer.Record(RequestLogFixture.Trace(T0.AddSeconds(i)));
        }

        Assert.Equal((2L, 3L), (writer.Dropped, writer.QueueDepth));
        await writer.FlushAsync(Ct);
        Assert.Equal(3, await f.Store.CountAsync(Ct));
        Assert.Equal((3L, 0L), (writer.Written, writer.QueueDepth));
    }

    [Fact]
    public async Task StoppedAsync_RecordsStillQueued_AreWrittenBeforeItReturns()
    {
        using var f = new RequestLogFixture();
        var writer = f.Writer();
        for (var i = 0; i < 50; i++)
        {
            writer.Record(RequestLogFixture.Trace(T0.AddSeconds(i)));
        }

        await writer.StartAsync(Ct);
        await writer.StopAsync(Ct);
        await writer.StoppedAsync(Ct);

        Assert.Equal(50, await f.Store.CountAsync(Ct));
        writer.Record(RequestLogFixture.Trace(T0.AddHours(1)));
        Assert.Equal(1, writer.Dropped);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Record_LogDisabled_KeepsStatisticsButNoRows()
    {
        using var f = new RequestLogFixture(new RequestLogOptions { Enabled = false });
        await using var writer = f.Writer();
        writer.Record(RequestLogFixture.Trace(T0));
        await writer.FlushAsync(Ct);

        Assert.Equal(0, await f.Store.CountAsync(Ct));
        Assert.Single((await f.Store.StatsAsync(T0, T0.AddHours(1), byAccount: false, Ct)).Series);
    }

    [Fact]
    public async Task Record_BodiesOffByDefault_StoresNoBody()
    {
        using var f = new RequestLogFixture();
        await using var writer = f.Writer();
        var trace = RequestLogFixture.Trace(T0);
        trace.RequestBody = """{"messages":[{"content":"hello"}]}""";
        writer.Record(trace);
        await writer.FlushAsync(Ct);

        Assert.Null((await f.Store.GetAsync(trace.Id, Ct))!.RequestBody);
    }

    [Fact]
    public async Task Record_CaptureBodies_StoresBodyCappedAndRedacted()
    {
        using var f = new RequestLogFixture(new RequestLogOptions { CaptureBodies = true, MaxBodyBytes = 200 });
        await using var writer = f.Writer();
        var trace = RequestLogFixture.Trace(T0);
        trace.RequestBody = "{\"api_key\":\"sk-live-abcdefghijkl\",\"messages\":[{\"content\":\"token ya29.secret-access\"}],\"pad\":\"" + new string('x', 500) + "\"}";
        writer.Record(trace);
        await writer.FlushAsync(Ct);

        var body = (await f.Store.GetAsync(trace.Id, Ct))!.RequestBody!;
        Assert.DoesNotContain("sk-live", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ya29.secret", body, StringComparison.Ordinal);
        Assert.Contains("\"messages\"", body, StringComparison.Ordinal);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(body) <= 200);
        Assert.EndsWith(BodyRedactor.CutMarker, body, StringComparison.Ordinal);
    }

    /// <summary>A fake clock that says when the first timer is created (the writer's window opened).</summary>
    private sealed class TimerSignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerCreated => _created.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _created.TrySetResult();
            return timer;
        }
    }
}
