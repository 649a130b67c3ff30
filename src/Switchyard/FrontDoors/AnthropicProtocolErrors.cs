using Switchyard.Protocols.Anthropic;
using Switchyard.Recovery;

namespace Switchyard.FrontDoors;

/// <summary>Errors as <c>{type:"error", error:{type, message}}</c>.</summary>
internal sealed class AnthropicProtocolErrors : IProtocolErrors
{
    public static AnthropicProtocolErrors Instance { get; } = new();

    public string Protocol => "anthropic";

    public ClientError Create(int status, string message) => From(AnthropicErrors.Create(status, message));

    public ClientError Unauthorized(string message) => From(AnthropicErrors.Create(401, message));

    /// <summary>
    /// The upstream's failure in Anthropic's envelope. A too-long prompt (Claude's or Gemini's wording) becomes
    /// 400 invalid_request_error "prompt is too long: N tokens &gt; M maximum", the text Claude Code compacts on.
    /// </summary>
    public ClientError FromUpstream(int status, string? body) =>
        status == 400 && AnthropicErrors.UpstreamMessage(body) is { } message && PromptTooLong.Matches(message)
            ? From(AnthropicErrors.InvalidRequest(PromptTooLong.AnthropicMessage(message)))
            : From(AnthropicErrors.FromUpstream(status, body));

    private static ClientError From(AnthropicError error) => new(error.Status, error.ToJson());
}
