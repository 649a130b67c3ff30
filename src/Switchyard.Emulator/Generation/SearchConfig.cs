namespace Switchyard.Emulator.Generation;

/// <summary>
/// Search grounding rules (upstream-protocol §3.1, §4; upstream-2026 §6.1, §8.1), each strict by default. The
/// references name <c>webSearchModelIds</c> and a <c>web_search</c> request type but not what the service does
/// with a request that ignores them; the emulator takes the stricter reading and refuses it.
/// </summary>
public sealed record SearchConfig
{
    /// <summary>
    /// Model ids that accept the <c>googleSearch</c> tool, also listed as <c>webSearchModelIds</c> in
    /// fetchAvailableModels. The 2025 reference names only <c>gemini-2.5-flash</c> (a gemini-cli-only id in 2026); the
    /// default is the 2026 catalogue's list (<see cref="CloudCode.ModelCatalog.WebSearchModelIds"/>).
    /// </summary>
    public IReadOnlyList<string> Models { get; init; } = CloudCode.ModelCatalog.WebSearchModelIds;

    /// <summary><c>googleSearch</c> on a model outside <see cref="Models"/> gets 400 "Search Grounding is not supported.".</summary>
    public bool RequireSearchModel { get; init; } = true;

    /// <summary>
    /// In an antigravity envelope (one with a <c>requestType</c>), <c>googleSearch</c> needs <c>requestType: web_search</c>,
    /// and <c>web_search</c> needs the <c>googleSearch</c> tool. The gemini-cli style (no requestType) is exempt.
    /// </summary>
    public bool RequireWebSearchRequestType { get; init; } = true;

    /// <summary>The legacy <c>googleSearchRetrieval</c> tool gets 400 (use <c>googleSearch</c>).</summary>
    public bool RejectSearchRetrieval { get; init; } = true;
}
