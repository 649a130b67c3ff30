using Switchyard.Models;
using Switchyard.Protocols.Shared;

namespace Switchyard.Bench.Micro;

/// <summary>Model routes from the gateway's own resolver, and the translation context the front doors build.</summary>
internal static class Routes
{
    public static (ModelRoute Claude, ModelRoute Gemini) ClaudeAndGemini()
    {
        using var resolver = new ModelResolver(new FixedOptionsMonitor<ModelOptions>(new ModelOptions()));
        return (
            resolver.Resolve("claude-sonnet-4-5").Route ?? throw new InvalidOperationException("claude-sonnet-4-5 does not resolve."),
            resolver.Resolve("gemini-3-flash").Route ?? throw new InvalidOperationException("gemini-3-flash does not resolve."));
    }

    public static TranslationContext Context(ModelRoute route, ThinkingMemory thinking) =>
        new(route, "emu-bench-12345", "agent-00000000-0000-0000-0000-000000000000", thinking);
}
