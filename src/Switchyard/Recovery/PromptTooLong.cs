using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchyard.Recovery;

/// <summary>
/// The upstream's "prompt is too long" rejections (Claude: <c>prompt is too long: N tokens &gt; M maximum</c>, either
/// capitalisation; Gemini: <c>The input token count (N) exceeds the maximum number of tokens allowed (M).</c>), read
/// for the client's own error: Claude Code compacts on Anthropic's exact lower-case wording.
/// </summary>
internal static partial class PromptTooLong
{
    public static bool Matches(string? message) =>
        message is not null
        && (message.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase)
            || message.Contains("context_length_exceeded", StringComparison.OrdinalIgnoreCase)
            || message.Contains("context length exceeded", StringComparison.OrdinalIgnoreCase)
            || message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase)
            || GeminiPattern().IsMatch(message));

    /// <summary>The token count and the maximum, when the message names them.</summary>
    public static bool TryCounts(string message, out long tokens, out long maximum)
    {
        var match = ClaudePattern().Match(message);
        if (!match.Success)
        {
            match = GeminiPattern().Match(message);
        }

        if (match.Success
            && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out tokens)
            && long.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out maximum))
        {
            return true;
        }

        tokens = 0;
        maximum = 0;
        return false;
    }

    /// <summary>
    /// Anthropic's wording: <c>prompt is too long: N tokens &gt; M maximum</c> when the counts are known, else
    /// <c>prompt is too long: </c> followed by the upstream's message.
    /// </summary>
    public static string AnthropicMessage(string upstreamMessage) =>
        TryCounts(upstreamMessage, out var tokens, out var maximum)
            ? string.Create(CultureInfo.InvariantCulture, $"prompt is too long: {tokens} tokens > {maximum} maximum")
            : upstreamMessage.StartsWith("prompt is too long", StringComparison.Ordinal) ? upstreamMessage : "prompt is too long: " + upstreamMessage;

    [GeneratedRegex(@"prompt is too long:\s*(\d+)\s*tokens\s*>\s*(\d+)\s*maximum", RegexOptions.IgnoreCase)]
    private static partial Regex ClaudePattern();

    [GeneratedRegex(@"input token count \((\d+)\) exceeds the maximum number of tokens allowed \((\d+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex GeminiPattern();
}
