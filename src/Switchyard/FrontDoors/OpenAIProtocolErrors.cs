using Switchyard.Protocols.OpenAI;

namespace Switchyard.FrontDoors;

/// <summary>Errors as <c>{error:{message, type, param, code}}</c>.</summary>
internal sealed class OpenAIProtocolErrors : IProtocolErrors
{
    public static OpenAIProtocolErrors Instance { get; } = new();

    public string Protocol => "openai";

    public ClientError Create(int status, string message) => From(OpenAIErrors.ForStatus(status, message));

    public ClientError Unauthorized(string message) => From(OpenAIErrors.ForStatus(401, message, "invalid_api_key"));

    public ClientError FromUpstream(int status, string? body) => From(OpenAIErrors.FromUpstream(status, body));

    public static ClientError From(OpenAIError error) => new(error.Status, OpenAIErrors.ToJson(error));
}
