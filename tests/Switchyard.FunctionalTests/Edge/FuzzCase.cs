namespace Switchyard.FunctionalTests.Edge;

/// <summary>One fuzzed request: what is sent, and the envelope its errors must come in.</summary>
internal sealed record FuzzCase(
    int Index,
    string Description,
    string Method,
    string PathAndQuery,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<(string Name, string Value)> Headers,
    string Family)
{
    /// <summary>Sent over a raw socket as these bytes (bad framing HttpClient cannot send); null for an ordinary request.</summary>
    public byte[]? Raw { get; init; }
}
