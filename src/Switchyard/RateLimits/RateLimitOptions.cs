using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;

namespace Switchyard.RateLimits;

/// <summary>
/// Cooldowns, backoff ladders and retry thresholds. Section <c>RateLimits</c>. Durations are in seconds.
/// Defaults follow the plugin (seed-plugin-inventory §3.2) unless a comment says otherwise.
/// </summary>
internal sealed class RateLimitOptions : IGatewayOptions<RateLimitOptions>
{
    public const string Section = "RateLimits";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, RateLimitOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>The default quota ladder: 60 s → 5 min → 30 min → 2 h, the last step repeating.</summary>
    public static readonly IReadOnlyList<double> DefaultQuotaBackoffSeconds = [60, 300, 1800, 7200];

    /// <summary>A 429 delay at or below this retries the same account; longer ones rotate.</summary>
    [Range(0.0, 60.0)]
    public double ShortRetrySeconds { get; set; } = 2;

    /// <summary>Quick same-account retries per account and request before rotating.</summary>
    [Range(0, 10)]
    public int SameAccountRetries { get; set; } = 1;

    /// <summary>The shortest cooldown a limit sets, even when the upstream asks for less.</summary>
    [Range(0.0, 3600.0)]
    public double MinimumCooldownSeconds { get; set; } = 2;

    /// <summary>429s for one key within this window count once (concurrent requests hitting one limit).</summary>
    [Range(0.0, 600.0)]
    public double DedupeWindowSeconds { get; set; } = 2;

    /// <summary>A key's consecutive-failure count starts again after this long without a counted failure.</summary>
    [Range(1.0, 86400.0)]
    public double FailureCounterResetSeconds { get; set; } = 3600;

    /// <summary>
    /// The quota-exhausted ladder by consecutive failures; null means <see cref="DefaultQuotaBackoffSeconds"/>.
    /// (Null rather than a filled array: the configuration binder appends to a non-empty default.)
    /// </summary>
    public double[]? QuotaBackoffSeconds { get; set; }

    /// <summary>Cooldown for RATE_LIMIT_EXCEEDED with no delay given.</summary>
    [Range(1.0, 86400.0)]
    public double RateLimitedBackoffSeconds { get; set; } = 30;

    /// <summary>Cooldown for an account left after capacity errors: this ± <see cref="CapacityJitterSeconds"/>.</summary>
    [Range(1.0, 3600.0)]
    public double CapacityBackoffSeconds { get; set; } = 45;

    [Range(0.0, 3600.0)]
    public double CapacityJitterSeconds { get; set; } = 15;

    /// <summary>Cooldown once an account reaches <see cref="FailureThreshold"/> non-429 failures.</summary>
    [Range(1.0, 86400.0)]
    public double ServerErrorBackoffSeconds { get; set; } = 20;

    /// <summary>Cooldown for a 429 with no reason and no delay.</summary>
    [Range(1.0, 86400.0)]
    public double UnknownBackoffSeconds { get; set; } = 60;

    /// <summary>Account-wide cooldown after 403 VALIDATION_REQUIRED (both clients use 10 min).</summary>
    [Range(1.0, 604800.0)]
    public double ValidationCooldownSeconds { get; set; } = 600;

    /// <summary>Cooldown for (account, group, pool) after a 404 on every host: the model is not available there.</summary>
    [Range(1.0, 86400.0)]
    public double NotFoundCooldownSeconds { get; set; } = 60;

    /// <summary>Non-429 failures (5xx, network, 401/403 after retry) in a row that cool the whole account.</summary>
    [Range(1, 100)]
    public int FailureThreshold { get; set; } = 3;

    /// <summary>The window in which <see cref="FailureThreshold"/> failures must fall.</summary>
    [Range(1.0, 86400.0)]
    public double FailureWindowSeconds { get; set; } = 120;

    /// <summary>Capacity retries on the same host before moving on: after base × 2^n seconds (±10 %), capped.</summary>
    [Range(0, 10)]
    public int CapacityRetriesPerHost { get; set; } = 3;

    [Range(0.0, 60.0)]
    public double CapacityRetryBaseSeconds { get; set; } = 1;

    [Range(0.0, 300.0)]
    public double CapacityRetryMaxSeconds { get; set; } = 8;

    /// <summary>The Retry-After sent to a client when nothing better is known.</summary>
    [Range(1.0, 86400.0)]
    public double DefaultRetryAfterSeconds { get; set; } = 60;

    public IReadOnlyList<double> QuotaLadder => QuotaBackoffSeconds is { Length: > 0 } steps ? steps : DefaultQuotaBackoffSeconds;
}
