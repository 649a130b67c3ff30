namespace Switchyard.Upstream;

/// <summary>What loadCodeAssist says about an account (spec §3.3).</summary>
internal sealed record CodeAssistStatus(string? ProjectId, string? CurrentTierId, string? PaidTierId, string? DefaultAllowedTierId);

/// <summary>One onboardUser poll (spec §3.4).</summary>
internal sealed record OnboardStatus(bool Done, string? ProjectId);

/// <summary>The quota of one model from fetchAvailableModels (spec §3.5); a missing fraction reads as 0.</summary>
internal sealed record ModelQuota(string ModelId, double RemainingFraction, DateTimeOffset? ResetTime);

/// <summary>
/// The models of fetchAvailableModels that carry quotaInfo, and the catalogue's <c>webSearchModelIds</c> and
/// <c>imageGenerationModelIds</c> (empty when absent).
/// </summary>
internal sealed record AvailableModels(IReadOnlyList<ModelQuota> Models, IReadOnlyList<string>? WebSearchModelIds = null, IReadOnlyList<string>? ImageGenerationModelIds = null);
