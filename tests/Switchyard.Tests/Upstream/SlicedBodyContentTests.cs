using Switchyard.Upstream;

namespace Switchyard.Tests.Upstream;

public sealed class SlicedBodyContentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(SlicedBodyContent.SliceBytes)]
    [InlineData(SlicedBodyContent.SliceBytes + 1)]
    [InlineData((3 * SlicedBodyContent.SliceBytes) + 17)]
    public async Task Write_AnySize_SendsEveryByteInOrderWithItsLength(int size)
    {
        var body = new byte[size];
        new Random(size).NextBytes(body);
        using var content = new SlicedBodyContent(body);
        var sink = new RecordingStream();

        await content.CopyToAsync(sink, TestContext.Current.CancellationToken);

        Assert.Equal(body, sink.ToArray());
        Assert.Equal(size, content.Headers.ContentLength);
    }

    [Fact]
    public async Task Write_LargeBody_NeverHandsTheBodyArrayItselfToTheStream()
    {
        var body = new byte[(2 * SlicedBodyContent.SliceBytes) + 5];
        using var content = new SlicedBodyContent(body);
        var sink = new RecordingStream();

        await content.CopyToAsync(sink, TestContext.Current.CancellationToken);

        Assert.Equal(3, sink.Writes.Count);
        Assert.All(sink.Writes, memory => Assert.True(memory.Length <= SlicedBodyContent.SliceBytes));
        Assert.DoesNotContain(sink.Arrays, array => ReferenceEquals(array, body));
    }

    /// <summary>A memory stream that also records what each write was given.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public List<ReadOnlyMemory<byte>> Writes { get; } = [];

        public List<byte[]?> Arrays { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer);
            Arrays.Add(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(buffer, out var segment) ? segment.Array : null);
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
