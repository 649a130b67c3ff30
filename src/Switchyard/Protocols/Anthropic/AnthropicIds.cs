using System.Security.Cryptography;

namespace Switchyard.Protocols.Anthropic;

/// <summary>
/// Ids the gateway makes up when the upstream gives none. Generated ids start with <c>toolu_sy</c> /
/// <c>msg_sy</c> followed by 22 base62 characters, so tests can recognise and normalise them.
/// </summary>
internal static class AnthropicIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string NewToolUseId() => "toolu_sy" + RandomNumberGenerator.GetString(Alphabet, 22);

    public static string NewMessageId() => "msg_sy" + RandomNumberGenerator.GetString(Alphabet, 22);

    /// <summary>The client-facing message id: the upstream responseId (Claude's already starts with msg_).</summary>
    public static string MessageId(string? responseId) =>
        string.IsNullOrEmpty(responseId) ? NewMessageId()
        : responseId.StartsWith("msg_", StringComparison.Ordinal) ? responseId
        : "msg_" + responseId;
}
