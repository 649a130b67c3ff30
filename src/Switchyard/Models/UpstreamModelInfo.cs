namespace Switchyard.Models;

/// <summary>One upstream model id and what the gateway knows about it (upstream-protocol §7).</summary>
/// <param name="Id">The id sent upstream in the envelope's <c>model</c>.</param>
/// <param name="DisplayName">Human name, as <c>fetchAvailableModels</c> shows it.</param>
/// <param name="Family">Claude, Gemini or GptOss.</param>
/// <param name="Group">Quota group (<see cref="ModelGroups"/>).</param>
/// <param name="Bucket">Upstream quota bucket; the id itself in the gemini-cli pool.</param>
/// <param name="Thinking">The model thinks.</param>
/// <param name="Gemini3">Gemini 3 generation (thinking by level).</param>
/// <param name="ImageGeneration">An image model.</param>
/// <param name="ContextWindow">Input limit in tokens.</param>
/// <param name="MaxOutputTokens">Output limit in tokens.</param>
/// <param name="Pool">The pool it is asked through by default.</param>
/// <param name="ImpliedLevel">The thinking level the id itself names (<c>gemini-3.8-flash-high</c> → high).</param>
internal sealed record UpstreamModelInfo(
    string Id,
    string DisplayName,
    ModelFamily Family,
    string Group,
    string Bucket,
    bool Thinking,
    bool Gemini3,
    bool ImageGeneration,
    int ContextWindow,
    int MaxOutputTokens,
    ModelPool Pool = ModelPool.Antigravity,
    string? ImpliedLevel = null);
