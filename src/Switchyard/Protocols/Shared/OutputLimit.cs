using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// <c>generationConfig.maxOutputTokens</c> within what the model accepts (1 to its output limit, which the upstream
/// enforces: <c>max_tokens: 64001 &gt; 64000</c>…), whichever door the request came through (<c>max_tokens</c>,
/// <c>max_completion_tokens</c>, <c>maxOutputTokens</c>). A thinking budget stays below the clamped value.
/// </summary>
internal static class OutputLimit
{
    /// <summary>The smallest thinking budget the Claude upstream accepts.</summary>
    private const int MinBudget = 1024;

    /// <summary>The envelope with its output tokens clamped to <paramref name="limit"/>; the same instance when within it.</summary>
    public static UpstreamEnvelope Clamp(UpstreamEnvelope envelope, int limit)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Request.GenerationConfig is not { MaxOutputTokens: { } max } config || limit <= 0 || (max >= 1 && max <= limit))
        {
            return envelope;
        }

        var clamped = Math.Clamp(max, 1, limit);
        var thinking = config.ThinkingConfig;
        if (thinking?.ThinkingBudget is { } budget and > 0 && budget >= clamped)
        {
            // The budget must stay below the output tokens (and at least the minimum).
            var lower = Math.Max(MinBudget, clamped / 2);
            clamped = lower < clamped ? clamped : Math.Min(limit, lower + 1);
            thinking = thinking with { ThinkingBudget = Math.Min(lower, clamped - 1) };
        }

        return envelope with
        {
            Request = envelope.Request with { GenerationConfig = config with { MaxOutputTokens = clamped, ThinkingConfig = thinking } },
        };
    }
}
