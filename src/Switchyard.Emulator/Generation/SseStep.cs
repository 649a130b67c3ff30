namespace Switchyard.Emulator.Generation;

/// <summary>One thing a stream does next: write bytes (then flush), or abort the connection.</summary>
internal readonly record struct SseStep(ReadOnlyMemory<byte> Bytes, bool Abort = false)
{
    public static SseStep AbortConnection => new(ReadOnlyMemory<byte>.Empty, Abort: true);
}
