using System.Text;
using Switchyard.Models;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.Shared;

namespace Switchyard.Tests.Protocols.Anthropic;

internal static class AnthropicTestData
{
    public static readonly ModelRoute Sonnet = new("claude-sonnet-4-6", "claude-sonnet-4-6", ModelFamily.Claude, "claude", Thinking: false);
    public static readonly ModelRoute OpusThinking = new("claude-opus-4-6", "claude-opus-4-6-thinking", ModelFamily.Claude, "claude", Thinking: true);
    public static readonly ModelRoute Gemini3Flash = new("gemini-3-flash", "gemini-3-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true, Gemini3: true, MaxOutputTokens: 65_536);
    public static readonly ModelRoute Gemini3Pro = new("gemini-3-pro-high", "gemini-3-pro-high", ModelFamily.Gemini, "gemini-pro", Thinking: true, Gemini3: true, MaxOutputTokens: 65_535);
    public static readonly ModelRoute Gemini25Flash = new("gemini-2.5-flash", "gemini-2.5-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true, MaxOutputTokens: 65_535);

    /// <summary>A signature long enough to count as real.</summary>
    public const string Signature = "EqQBCkgIBxABGAIiQHVuaXQtdGVzdC1zaWduYXR1cmUtbG9uZy1lbm91Z2gtdG8tYmUtcmVhbA==";

    public static TranslationContext Context(ModelRoute route, ThinkingMemory? memory = null, bool keepThinking = false) =>
        new(route, "calm-wave-1a2b3", "agent-unit-1", memory ?? new ThinkingMemory(), keepThinking, "session-unit");

    public static MessagesRequest Request(string json)
    {
        Assert.True(AnthropicTranslator.TryRead(Encoding.UTF8.GetBytes(json), out var request, out var error), error);
        return request;
    }
}
