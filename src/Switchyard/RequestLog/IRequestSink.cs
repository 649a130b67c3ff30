namespace Switchyard.RequestLog;

/// <summary>
/// Receives every finished request. Called on the request's thread after the response ended: an implementation
/// must not block (queue the work) and must not throw.
/// </summary>
internal interface IRequestSink
{
    void Record(RequestTrace trace);
}

/// <summary>Keeps nothing (CLI commands, tests that do not look).</summary>
internal sealed class NullRequestSink : IRequestSink
{
    public void Record(RequestTrace trace)
    {
    }
}
