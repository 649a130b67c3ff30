using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Responses;
using Switchyard.Scheduling;
using Switchyard.Upstream.Wire;

namespace Switchyard.Dispatch;

/// <summary>What each protocol's request offers for <see cref="SessionKeys.Derive"/>.</summary>
internal static class SessionInputs
{
    /// <summary>Only the first few user messages can name the session; later ones are never read.</summary>
    private const int MaxUserMessages = 4;

    public static SessionKeyInputs Anthropic(HttpContext http, MessagesRequest request)
    {
        var texts = new List<string>(MaxUserMessages);
        foreach (var message in request.Messages ?? [])
        {
            if (texts.Count == MaxUserMessages)
            {
                break;
            }

            if (message.Role == "user" && message.Content is { } blocks)
            {
                texts.Add(Join(blocks.Where(b => b.Type == "text").Select(b => b.Text)));
            }
        }

        return new SessionKeyInputs("anthropic", Headers(http), AnthropicUserId: request.Metadata?.UserId, UserMessages: texts);
    }

    public static SessionKeyInputs OpenAI(HttpContext http, ChatCompletionRequest request)
    {
        var texts = new List<string>(MaxUserMessages);
        foreach (var message in request.Messages ?? [])
        {
            if (texts.Count == MaxUserMessages)
            {
                break;
            }

            if (message.Role == "user")
            {
                texts.Add(message.Content switch
                {
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    JsonArray parts => Join(parts.Select(p => p?["type"]?.GetValue<string>() == "text" ? p["text"]?.GetValue<string>() : null)),
                    _ => "",
                });
            }
        }

        return new SessionKeyInputs("openai", Headers(http), PromptCacheKey: request.PromptCacheKey, OpenAIUser: request.User, UserMessages: texts);
    }

    /// <summary>The Responses door: Codex's <c>prompt_cache_key</c> (its thread id), <c>user</c>, and the first user texts.</summary>
    public static SessionKeyInputs Responses(HttpContext http, ResponsesRequest request)
    {
        var texts = new List<string>(MaxUserMessages);
        foreach (var item in request.Input ?? [])
        {
            if (texts.Count == MaxUserMessages)
            {
                break;
            }

            if (item.Type is null or "message" && item.Role == "user")
            {
                texts.Add(Join((item.Content ?? []).Select(p => p.Type == "input_text" ? p.Text : null)));
            }
        }

        var cacheKey = request.Extra?.TryGetValue("prompt_cache_key", out var key) == true && key.ValueKind == System.Text.Json.JsonValueKind.String
            ? key.GetString()
            : null;
        return new SessionKeyInputs("responses", Headers(http), PromptCacheKey: cacheKey, OpenAIUser: request.User, UserMessages: texts);
    }

    public static SessionKeyInputs Gemini(HttpContext http, IReadOnlyList<Content>? contents)
    {
        var texts = new List<string>(MaxUserMessages);
        foreach (var content in contents ?? [])
        {
            if (texts.Count == MaxUserMessages)
            {
                break;
            }

            if (content.Role is null or "user")
            {
                texts.Add(Join(content.Parts.Select(p => p.Thought == true ? null : p.Text)));
            }
        }

        return new SessionKeyInputs("gemini", Headers(http), UserMessages: texts);
    }

    private static string Join(IEnumerable<string?> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (string.IsNullOrEmpty(part))
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part);
        }

        return builder.ToString();
    }

    private static Dictionary<string, string>? Headers(HttpContext http)
    {
        Dictionary<string, string>? found = null;
        foreach (var name in (ReadOnlySpan<string>)[SessionKeys.ClaudeCodeSessionHeader, SessionKeys.OpencodeAffinityHeader, SessionKeys.OpencodeSessionHeader])
        {
            if (http.Request.Headers[name].ToString() is { Length: > 0 } value)
            {
                found ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                found[name] = value;
            }
        }

        return found;
    }
}
