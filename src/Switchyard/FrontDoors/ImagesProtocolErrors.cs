namespace Switchyard.FrontDoors;

/// <summary>The images door's errors: OpenAI's <c>{error:{message, type, param, code}}</c>; the request log names it <c>images</c>.</summary>
internal sealed class ImagesProtocolErrors : IProtocolErrors
{
    public static ImagesProtocolErrors Instance { get; } = new();

    public string Protocol => "images";

    public ClientError Create(int status, string message) => OpenAIProtocolErrors.Instance.Create(status, message);

    public ClientError Unauthorized(string message) => OpenAIProtocolErrors.Instance.Unauthorized(message);

    public ClientError FromUpstream(int status, string? body) => OpenAIProtocolErrors.Instance.FromUpstream(status, body);
}
