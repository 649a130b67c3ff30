using System.Net;

namespace Switchyard.FunctionalTests.FrontDoors;

/// <summary>A body of unknown length, so the client sends it with chunked transfer encoding (3,000 bytes a chunk).</summary>
internal sealed class ChunkedContent(byte[] bytes) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < bytes.Length; offset += 3000)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(3000, bytes.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
