namespace Switchyard.Emulator.Generation;

/// <summary>Framing and pacing of one stream: the config's <c>sse</c> block with any shaping fault applied.</summary>
internal sealed record StreamSettings(string LineEnding, TimeSpan FirstByteDelay, TimeSpan InterChunkDelay, StreamShaping Shaping)
{
    public static StreamSettings From(SseConfig sse, StreamShaping shaping) => new(
        string.Equals(sse.LineEnding, "crlf", StringComparison.OrdinalIgnoreCase) ? "\r\n" : "\n",
        TimeSpan.FromMilliseconds(Math.Max(0, shaping.FirstByteMs ?? sse.FirstByteDelayMs)),
        TimeSpan.FromMilliseconds(Math.Max(0, shaping.InterChunkMs ?? sse.InterChunkDelayMs)),
        shaping);
}
