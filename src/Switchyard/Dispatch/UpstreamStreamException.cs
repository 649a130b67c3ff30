namespace Switchyard.Dispatch;

/// <summary>
/// An upstream stream that broke in a way the transport does not report: an error event in the stream, or a
/// clean end before the final event (no finishReason). The message is the gateway's own (no prompt text).
/// </summary>
internal sealed class UpstreamStreamException : Exception
{
    public UpstreamStreamException()
    {
    }

    public UpstreamStreamException(string message)
        : base(message)
    {
    }

    public UpstreamStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The status an error event named (its <c>code</c>), or 502 for a stream that just stopped.</summary>
    public int Status { get; init; } = 502;
}
