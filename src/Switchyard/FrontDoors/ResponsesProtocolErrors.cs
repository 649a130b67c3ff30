using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Responses;

namespace Switchyard.FrontDoors;

/// <summary>The Responses door's errors: OpenAI's <c>{error:{message, type, param, code}}</c>; a too-long prompt names <c>input</c>.</summary>
internal sealed class ResponsesProtocolErrors : IProtocolErrors
{
    public static ResponsesProtocolErrors Instance { get; } = new();

    public string Protocol => "responses";

    public ClientError Create(int status, string message) => From(ResponsesErrors.ForStatus(status, message));

    public ClientError Unauthorized(string message) => From(ResponsesErrors.ForStatus(401, message, "invalid_api_key"));

    public ClientError FromUpstream(int status, string? body) => From(ResponsesErrors.FromUpstream(status, body));

    public static ClientError From(OpenAIError error) => new(error.Status, ResponsesErrors.ToJson(error));
}
