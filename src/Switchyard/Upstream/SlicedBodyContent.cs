using System.Buffers;
using System.Net;

namespace Switchyard.Upstream;

/// <summary>
/// A request body sent through a small pooled buffer. A socket's send state keeps a reference to the last memory it
/// sent until its next send, and an idle pooled connection has no next send: sent straight from the array, every idle
/// connection to a plain-HTTP upstream (the emulator, a local proxy) would hold the whole last body it carried. Sent
/// in copied slices, it holds one pooled slice.
/// </summary>
internal sealed class SlicedBodyContent(byte[] body) : HttpContent
{
    /// <summary>Bodies up to this size are written in one piece (the connection copies small writes anyway).</summary>
    public const int SliceBytes = 64 * 1024;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var slice = ArrayPool<byte>.Shared.Rent(Math.Min(SliceBytes, Math.Max(body.Length, 1)));
        try
        {
            for (var offset = 0; offset < body.Length; offset += slice.Length)
            {
                var length = Math.Min(slice.Length, body.Length - offset);
                body.AsSpan(offset, length).CopyTo(slice);
                await stream.WriteAsync(slice.AsMemory(0, length), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(slice);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
