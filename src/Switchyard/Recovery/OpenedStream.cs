using Switchyard.FrontDoors;
using Switchyard.Upstream.Wire;

namespace Switchyard.Recovery;

/// <summary>An upstream stream that has content: the attempt (dispose it) and its events from the first one on, guarded.</summary>
internal sealed record OpenedStream(UpstreamAttempt Attempt, IAsyncEnumerable<UpstreamResponseEnvelope> Events) : IDisposable
{
    public void Dispose() => Attempt.Dispose();
}
