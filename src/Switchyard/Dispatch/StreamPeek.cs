using Switchyard.Upstream.Wire;

namespace Switchyard.Dispatch;

/// <summary>
/// What <see cref="StreamProbe.PeekAsync"/> found: the events (first content event included) or, when the stream had
/// no content, why, with the status and error body to answer with if it cannot be sent again.
/// </summary>
internal sealed record StreamPeek(IAsyncEnumerable<UpstreamResponseEnvelope>? Events, int Status, string Reason, string? ErrorBody)
{
    public bool HasContent => Events is not null;

    public static StreamPeek Opened(IAsyncEnumerable<UpstreamResponseEnvelope> events) => new(events, 200, "", null);

    public static StreamPeek Failed(int status, string reason, string? errorBody) => new(null, status, reason, errorBody);
}
