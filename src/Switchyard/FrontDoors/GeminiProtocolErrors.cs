using Switchyard.Protocols.Gemini;

namespace Switchyard.FrontDoors;

/// <summary>Errors as Google's <c>{error:{code, message, status}}</c>.</summary>
internal sealed class GeminiProtocolErrors : IProtocolErrors
{
    public static GeminiProtocolErrors Instance { get; } = new();

    public string Protocol => "gemini";

    public ClientError Create(int status, string message) => From(GeminiErrors.ForStatus(status, message));

    public ClientError Unauthorized(string message) => From(GeminiErrors.ForStatus(401, message));

    public ClientError FromUpstream(int status, string? body) => From(GeminiErrors.FromUpstream(status, body));

    public static ClientError From(GeminiError error) => new(error.Code, GeminiErrors.ToJson(error));
}
