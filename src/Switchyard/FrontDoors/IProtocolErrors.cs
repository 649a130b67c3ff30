namespace Switchyard.FrontDoors;

/// <summary>A client-facing error: the HTTP status and the body in the protocol's own envelope.</summary>
internal sealed record ClientError(int Status, string Json);

/// <summary>How one protocol renders errors, so the shared pipeline can answer in the right envelope.</summary>
internal interface IProtocolErrors
{
    /// <summary>anthropic, openai or gemini (the request log's protocol column).</summary>
    string Protocol { get; }

    /// <summary>An error the gateway itself decided (400, 404, 413, 415, 503…).</summary>
    ClientError Create(int status, string message);

    /// <summary>A missing or wrong client API key.</summary>
    ClientError Unauthorized(string message);

    /// <summary>An upstream failure that happened before any byte reached the client.</summary>
    ClientError FromUpstream(int status, string? body);
}
