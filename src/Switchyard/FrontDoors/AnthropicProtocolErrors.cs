using Switchyard.Protocols.Anthropic;

namespace Switchyard.FrontDoors;

/// <summary>Errors as <c>{type:"error", error:{type, message}}</c>.</summary>
internal sealed class AnthropicProtocolErrors : IProtocolErrors
{
    public static AnthropicProtocolErrors Instance { get; } = new();

    public string Protocol => "anthropic";

    public ClientError Create(int status, string message) => From(AnthropicErrors.Create(status, message));

    public ClientError Unauthorized(string message) => From(AnthropicErrors.Create(401, message));

    public ClientError FromUpstream(int status, string? body) => From(AnthropicErrors.FromUpstream(status, body));

    private static ClientError From(AnthropicError error) => new(error.Status, error.ToJson());
}
