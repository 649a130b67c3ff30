namespace Switchyard.Scheduling;

/// <summary>A conversation's scheduling key and where it came from (for the decision trace).</summary>
/// <param name="Value"><c>sid-</c> and 16 hex digits; never the raw client value.</param>
/// <param name="Source">metadata.user_id, header name, prompt_cache_key, user, or first-user-message.</param>
internal sealed record SessionKey(string Value, string Source)
{
    public override string ToString() => $"{Value} ({Source})";
}

/// <summary>What a front door extracts from a request for <see cref="SessionKeys.Derive"/>; all optional.</summary>
/// <param name="Protocol">anthropic, openai or gemini (for the trace).</param>
/// <param name="Headers">Request headers (any comparer; looked up case-insensitively).</param>
/// <param name="AnthropicUserId">Anthropic <c>metadata.user_id</c>: plain, or the JSON string carrying <c>session_id</c>.</param>
/// <param name="PromptCacheKey">OpenAI <c>prompt_cache_key</c>.</param>
/// <param name="OpenAIUser">OpenAI <c>user</c>.</param>
/// <param name="UserMessages">The text of each user message in order (a message's text parts joined with a space).</param>
internal sealed record SessionKeyInputs(
    string Protocol,
    IReadOnlyDictionary<string, string>? Headers = null,
    string? AnthropicUserId = null,
    string? PromptCacheKey = null,
    string? OpenAIUser = null,
    IReadOnlyList<string>? UserMessages = null);
