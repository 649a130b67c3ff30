namespace Switchyard.RateLimits;

/// <summary>
/// Cooldowns used when the upstream gives no delay, per kind and consecutive-failure count
/// (seed-plugin-inventory §3.2 <c>calculateBackoffMs</c>): quota 60 s → 5 min → 30 min → 2 h; rate limit 30 s;
/// capacity 45 ± 15 s; server 20 s; unknown 60 s; 404 and verification use their own fixed cooldowns.
/// </summary>
internal static class BackoffLadders
{
    /// <param name="consecutive">1 for the first counted failure of a key.</param>
    public static TimeSpan For(UpstreamFailureKind kind, int consecutive, RateLimitOptions options, IRandomSource random)
    {
        var seconds = kind switch
        {
            UpstreamFailureKind.QuotaExhausted => Step(options.QuotaLadder, consecutive),
            UpstreamFailureKind.RateLimited => options.RateLimitedBackoffSeconds,
            UpstreamFailureKind.CapacityExhausted =>
                options.CapacityBackoffSeconds + (((2 * random.NextDouble()) - 1) * options.CapacityJitterSeconds),
            UpstreamFailureKind.ServerError or UpstreamFailureKind.Network or UpstreamFailureKind.Unauthorized or UpstreamFailureKind.Forbidden =>
                options.ServerErrorBackoffSeconds,
            UpstreamFailureKind.ValidationRequired => options.ValidationCooldownSeconds,
            UpstreamFailureKind.NotFound => options.NotFoundCooldownSeconds,
            _ => options.UnknownBackoffSeconds,
        };
        return TimeSpan.FromSeconds(Math.Max(seconds, options.MinimumCooldownSeconds));
    }

    /// <summary>Capacity backoff before retrying the same host: min(base × 2^n, max) × U(0.9, 1.1), n from 0.</summary>
    public static TimeSpan CapacityRetry(int retriesSoFar, RateLimitOptions options, IRandomSource random)
    {
        var exponent = Math.Min(retriesSoFar, 16);
        var seconds = Math.Min(options.CapacityRetryBaseSeconds * Math.Pow(2, exponent), options.CapacityRetryMaxSeconds);
        return TimeSpan.FromSeconds(seconds * (0.9 + (0.2 * random.NextDouble())));
    }

    private static double Step(IReadOnlyList<double> ladder, int consecutive) =>
        ladder[Math.Clamp(consecutive - 1, 0, ladder.Count - 1)];
}
