using System.Text;
using Switchyard.Dispatch;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Dispatch;

public sealed class StreamProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Usage = """data: {"response":{"usageMetadata":{"promptTokenCount":3}}}""";
    private const string Text1 = """data: {"response":{"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]}}]}}""";
    private const string Final = """data: {"response":{"candidates":[{"content":{"role":"model","parts":[{"text":"lo"}]},"finishReason":"STOP"}]}}""";
    private const string Error = """data: {"error":{"code":503,"message":"Overloaded.","status":"UNAVAILABLE"}}""";

    private static MemoryStream Sse(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n\n"))));

    private static async Task<List<UpstreamResponseEnvelope>> ReadAllAsync(IAsyncEnumerable<UpstreamResponseEnvelope> events)
    {
        var list = new List<UpstreamResponseEnvelope>();
        await foreach (var e in events.WithCancellation(Ct))
        {
            list.Add(e);
        }

        return list;
    }

    [Fact]
    public async Task PeekAsync_CompleteStream_AllEventsIncludingTheUsageOnlyOne()
    {
        var peek = await StreamProbe.PeekAsync(Sse(Usage, Text1, Final), Ct);

        Assert.True(peek.HasContent);
        Assert.Equal(3, (await ReadAllAsync(peek.Events!)).Count);
    }

    [Fact]
    public async Task PeekAsync_EmptyBody_NoContent502()
    {
        var peek = await StreamProbe.PeekAsync(Sse(), Ct);

        Assert.False(peek.HasContent);
        Assert.Equal(502, peek.Status);
        Assert.Null(peek.ErrorBody);
    }

    [Fact]
    public async Task PeekAsync_OnlyUsageThenEnd_NoContent()
    {
        Assert.False((await StreamProbe.PeekAsync(Sse(Usage), Ct)).HasContent);
    }

    [Fact]
    public async Task PeekAsync_ErrorEventFirst_NoContentWithItsStatusAndBody()
    {
        var peek = await StreamProbe.PeekAsync(Sse(Error), Ct);

        Assert.False(peek.HasContent);
        Assert.Equal(503, peek.Status);
        Assert.Contains("Overloaded.", peek.ErrorBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeekAsync_MalformedFirstEvent_NoContent()
    {
        Assert.False((await StreamProbe.PeekAsync(Sse("data: {not json"), Ct)).HasContent);
    }

    [Fact]
    public async Task Events_EndWithoutFinishReason_ThrowAfterTheEvents()
    {
        var peek = await StreamProbe.PeekAsync(Sse(Usage, Text1), Ct);
        var seen = 0;

        await Assert.ThrowsAsync<UpstreamStreamException>(async () =>
        {
            await foreach (var _ in peek.Events!.WithCancellation(Ct))
            {
                seen++;
            }
        });
        Assert.Equal(2, seen);
    }

    [Fact]
    public async Task Events_ErrorEventAfterContent_ThrowWithItsStatus()
    {
        var peek = await StreamProbe.PeekAsync(Sse(Text1, Error), Ct);

        var ex = await Assert.ThrowsAsync<UpstreamStreamException>(() => ReadAllAsync(peek.Events!));
        Assert.Equal(503, ex.Status);
    }
}
