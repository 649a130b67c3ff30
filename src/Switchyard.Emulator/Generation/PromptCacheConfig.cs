namespace Switchyard.Emulator.Generation;

/// <summary>
/// Implicit prompt caching (issue 19): the upstream reports <c>usageMetadata.cachedContentTokenCount</c> when a request
/// repeats the start of the previous request of the same account and model. The rule, strict and deterministic:
/// a request is cut into units (the system instruction with the tool declarations, then each content but the last);
/// the cached count is the tokens of the longest run of leading units equal to the previous request's units (that
/// request's contents all count, its last one too), reported only when the previous request came within
/// <see cref="TtlSeconds"/> on the emulator's clock and the run holds at least <see cref="MinTokens"/> tokens
/// (<see cref="TokenEstimator"/>). Off: no request reports cached tokens.
/// </summary>
public sealed record PromptCacheConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>The smallest cached prefix reported (the upstream's implicit-cache minimum).</summary>
    public int MinTokens { get; init; } = 1024;

    /// <summary>How long a request's prefix stays cached, on the virtual clock.</summary>
    public int TtlSeconds { get; init; } = 300;
}
