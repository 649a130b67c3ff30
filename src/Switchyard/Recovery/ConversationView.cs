using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Recovery;

/// <summary>
/// Read-only questions about upstream contents, asked the way the upstream asks them (upstream-protocol §5.5):
/// which turn is the final assistant turn of the open tool loop, whether thinking is on, how calls and results pair.
/// </summary>
internal static class ConversationView
{
    /// <summary>Accepted by the upstream in place of a Gemini function-call signature it cannot check.</summary>
    public const string SkipSignatureSentinel = ThinkingMemory.SkipSignatureSentinel;

    public static bool IsModel(Content content) => content.Role == "model";

    public static bool IsUser(Content content) => content.Role == "user";

    public static bool IsThought(Part part) => part.Thought == true;

    /// <summary>An empty non-thought text part that only carries the signature of the thinking run before it.</summary>
    public static bool IsTrailingSignature(Part part) => ThinkingBlocks.IsTrailingSignature(part);

    /// <summary>Long enough to be a real signature (real ones are at least 50 characters), and not the sentinel.</summary>
    public static bool LooksReal(string? signature) => ThinkingMemory.LooksReal(signature);

    /// <summary>Index of the last user content with real text (not only tool results), or -1.</summary>
    public static int LastUserText(List<Content> contents)
    {
        for (var i = contents.Count - 1; i >= 0; i--)
        {
            if (IsUser(contents[i]) && contents[i].Parts.Exists(p => !IsThought(p) && !string.IsNullOrEmpty(p.Text)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The last model content after the last real user text (the final assistant turn of the open tool loop), or -1.</summary>
    public static int FinalModelTurn(List<Content> contents)
    {
        var floor = LastUserText(contents);
        for (var i = contents.Count - 1; i > floor; i--)
        {
            if (IsModel(contents[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Thinking is on when thinkingConfig asks for thoughts, a budget or a level.</summary>
    public static bool ThinkingEnabled(UpstreamRequest request) =>
        request.GenerationConfig?.ThinkingConfig is { } thinking
        && (thinking.IncludeThoughts == true || thinking.ThinkingBudget is not null || thinking.ThinkingLevel is not null);

    /// <summary>A call and a result pair by id when both have one, else by name (as the upstream matches them).</summary>
    public static bool Matches(FunctionCall call, FunctionResponse response) =>
        !string.IsNullOrEmpty(call.Id) && !string.IsNullOrEmpty(response.Id) ? call.Id == response.Id : call.Name == response.Name;

    public static bool IsGemini3(string model) => model.StartsWith("gemini-3", StringComparison.OrdinalIgnoreCase);
}
