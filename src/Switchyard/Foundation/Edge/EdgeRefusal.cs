namespace Switchyard.Foundation.Edge;

/// <summary>Why the edge refuses a request: the status and a message for the client (no secret in it).</summary>
internal sealed record EdgeRefusal(int Status, string Message);
