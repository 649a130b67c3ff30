namespace Switchyard.Models;

/// <summary>
/// Where a client's model name goes: the upstream id and what the translators need to know about it.
/// Produced by model resolution; translators take it as a parameter and resolve nothing themselves.
/// </summary>
/// <param name="RequestedModel">The name the client sent.</param>
/// <param name="UpstreamModel">The upstream model id (upstream-protocol §7).</param>
/// <param name="Family">Claude, Gemini or GptOss.</param>
/// <param name="Group">
/// Quota group (<see cref="ModelGroups"/>): claude, gemini-pro, gemini-flash, image, gpt-oss. The two image
/// buckets collapse into <c>image</c> here; <paramref name="Bucket"/> keeps them apart.
/// </param>
/// <param name="Thinking">The upstream model thinks (Claude <c>-thinking</c> ids, Gemini 2.5/3).</param>
/// <param name="Gemini3">Gemini 3 generation: thinking by level, signatures on function calls.</param>
/// <param name="ImageGeneration">An image model: responseModalities, no tools, no thinking.</param>
/// <param name="MaxOutputTokens">The model's output limit.</param>
/// <param name="ThinkingLevel">A level carried by the client's name (e.g. a <c>-high</c> suffix), if any.</param>
/// <param name="Pool">Which upstream identity the model is asked through (upstream-protocol §2.3): antigravity, or
/// gemini-cli for the <c>-preview</c> Gemini ids.</param>
/// <param name="Bucket">
/// The upstream quota bucket the model draws on: its group for text models (whose windows are per
/// <see cref="QuotaFamily"/>), <c>image-flash</c> for images, or the model id itself in the gemini-cli pool (one
/// bucket per model). Null when unknown.
/// </param>
internal sealed record ModelRoute(
    string RequestedModel,
    string UpstreamModel,
    ModelFamily Family,
    string Group,
    bool Thinking,
    bool Gemini3 = false,
    bool ImageGeneration = false,
    int MaxOutputTokens = 64_000,
    string? ThinkingLevel = null,
    ModelPool Pool = ModelPool.Antigravity,
    string? Bucket = null)
{
    /// <summary>
    /// The route was chosen for background work (a title, a summary, a small-model call: <c>Background</c> settings); the
    /// scheduler keeps such requests off the share of an account's week held back for interactive sessions (<c>Quota:Pacing</c>).
    /// </summary>
    public bool Background { get; init; }

    /// <summary>
    /// The quota family whose 5 h and weekly windows this route spends (<see cref="ModelGroups.GeminiFamily"/> or
    /// <see cref="ModelGroups.ThirdPartyFamily"/>), or null outside them (images, the gemini-cli pool).
    /// </summary>
    public string? QuotaFamily => Pool == ModelPool.GeminiCli || ImageGeneration ? null : ModelGroups.FamilyOf(Group);
}

internal enum ModelFamily
{
    Claude,
    Gemini,
    GptOss,
}

/// <summary>The upstream identity a request goes out as (upstream-protocol §2.3).</summary>
internal enum ModelPool
{
    Antigravity,
    GeminiCli,
}
