using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Switchyard.Scheduling;

/// <summary>
/// Derives the session key that binds a conversation to an account, stable across its turns. First found:
/// Anthropic <c>metadata.user_id</c> (its <c>session_id</c> when it is the JSON-string form) →
/// <c>X-Claude-Code-Session-Id</c> → opencode's <c>x-session-affinity</c> / <c>x-session-id</c> →
/// OpenAI <c>prompt_cache_key</c> → OpenAI <c>user</c> → a hash of the first real user message (Claude Code
/// <c>&lt;system-reminder&gt;</c> blocks removed; messages that are only reminders, start with "[System" or are
/// shorter than 3 characters skipped). Every key is <c>sid-</c> + the first 16 hex digits of SHA-256 over
/// source and value, so no client identifier reaches a header or log.
/// </summary>
/// <remarks>
/// Unlike the manager, a message carrying a reminder is not skipped whole: Claude Code puts reminders and the
/// prompt in one message, so the prompt left after removing the reminders is hashed. <c>prompt_cache_key</c>
/// comes before <c>user</c> because <c>user</c> names a person, not a conversation.
/// </remarks>
internal static partial class SessionKeys
{
    public const string ClaudeCodeSessionHeader = "X-Claude-Code-Session-Id";
    public const string OpencodeAffinityHeader = "x-session-affinity";
    public const string OpencodeSessionHeader = "x-session-id";

    private const int MinMessageLength = 3;

    public static SessionKey? Derive(SessionKeyInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!string.IsNullOrWhiteSpace(inputs.AnthropicUserId))
        {
            var sessionId = SessionIdFromUserId(inputs.AnthropicUserId);
            return sessionId is not null
                ? Make("metadata.user_id.session_id", sessionId)
                : Make("metadata.user_id", inputs.AnthropicUserId.Trim());
        }

        foreach (var header in (ReadOnlySpan<string>)[ClaudeCodeSessionHeader, OpencodeAffinityHeader, OpencodeSessionHeader])
        {
            if (Header(inputs.Headers, header) is { } value)
            {
                return Make(header.ToLowerInvariant(), value);
            }
        }

        if (!string.IsNullOrWhiteSpace(inputs.PromptCacheKey))
        {
            return Make("prompt_cache_key", inputs.PromptCacheKey.Trim());
        }

        if (!string.IsNullOrWhiteSpace(inputs.OpenAIUser))
        {
            return Make("user", inputs.OpenAIUser.Trim());
        }

        if (inputs.UserMessages is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                var text = WithoutReminders(message);
                if (text.Length >= MinMessageLength && !text.StartsWith("[System", StringComparison.Ordinal))
                {
                    return Make("first-user-message", text);
                }
            }

            // Only reminders or tiny texts: the first message as sent is still stable across turns.
            return string.IsNullOrEmpty(messages[0]) ? null : Make("first-user-message-raw", messages[0]);
        }

        return null;
    }

    /// <summary>Removes Claude Code <c>&lt;system-reminder&gt;…&lt;/system-reminder&gt;</c> blocks (an unclosed one runs to the end).</summary>
    public static string WithoutReminders(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        try
        {
            return Reminder().Replace(text, " ").Trim();
        }
        catch (RegexMatchTimeoutException)
        {
            return text.Trim();
        }
    }

    private static string? SessionIdFromUserId(string userId)
    {
        var trimmed = userId.Trim();
        if (!trimmed.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(trimmed);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("session_id", out var sid)
                && sid.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(sid.GetString())
                ? sid.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Header(IReadOnlyDictionary<string, string>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue(name, out var direct))
        {
            return string.IsNullOrWhiteSpace(direct) ? null : direct.Trim();
        }

        foreach (var (key, value) in headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    private static SessionKey Make(string source, string value)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + value), hash);
        return new SessionKey("sid-" + Convert.ToHexStringLower(hash[..8]), source);
    }

    [GeneratedRegex(@"<system-reminder>.*?(?:</system-reminder>|\z)", RegexOptions.Singleline | RegexOptions.CultureInvariant, 500)]
    private static partial Regex Reminder();
}
