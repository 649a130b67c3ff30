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

    /// <summary>A server_tool_use id (<c>srvtoolu_sy…</c>): the gateway's web search.</summary>
    public static string NewServerToolUseId() => "srvtoolu_sy" + RandomNumberGenerator.GetString(Alphabet, 22);

    /// <summary>
    /// The opaque <c>encrypted_content</c> of a search result. The upstream gives nothing to carry, so it is the URL
    /// in base64url: clients only pass it back, and the gateway reads nothing from it.
    /// </summary>
    public static string SearchContent(string url) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(url));

    /// <summary>The opaque <c>encrypted_index</c> of a citation: the source's position, in base64url.</summary>
    public static string SearchIndex(int index) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(index.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static string NewMessageId() => "msg_sy" + RandomNumberGenerator.GetString(Alphabet, 22);

    /// <summary>The client-facing message id: the upstream responseId (Claude's already starts with msg_).</summary>
    public static string MessageId(string? responseId) =>
        string.IsNullOrEmpty(responseId) ? NewMessageId()
        : responseId.StartsWith("msg_", StringComparison.Ordinal) ? responseId
        : "msg_" + responseId;
}
