using Switchyard.Upstream.Wire;

namespace Switchyard.Dispatch;

/// <summary>An upstream stream that has content: the attempt (dispose it) and its events from the first one on, guarded.</summary>
internal sealed record OpenedStream(UpstreamAttempt Attempt, IAsyncEnumerable<UpstreamResponseEnvelope> Events) : IDisposable
{
    public void Dispose() => Attempt.Dispose();
}

/// <summary>A stream with content, or the failure to answer instead. Exactly one is set.</summary>
internal readonly record struct StreamOpening(OpenedStream? Stream, DispatchFailure? Failure)
{
    public static StreamOpening Opened(OpenedStream stream) => new(stream, null);

    public static StreamOpening Failed(DispatchFailure failure) => new(null, failure);
}
