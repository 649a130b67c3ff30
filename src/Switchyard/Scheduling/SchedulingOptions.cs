using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.Scheduling;

/// <summary>
/// How accounts are chosen. Section <c>Scheduling</c>. <see cref="Mode"/> and <see cref="FixedAccount"/> are
/// runtime settings: the scheduler reads them on every pick (IOptionsMonitor).
/// </summary>
internal sealed class SchedulingOptions : IGatewayOptions<SchedulingOptions>
{
    public const string Section = "Scheduling";

    /// <inheritdoc/>
    /// <remarks>Keeps <see cref="HybridOptions"/>'s and <see cref="ResetAwareOptions"/>'s properties for the start-up key check, which reads them by reflection.</remarks>
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties, typeof(HybridOptions))]
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties, typeof(ResetAwareOptions))]
    public static void Bind(IConfiguration section, SchedulingOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary><c>sticky</c>, <c>round-robin</c>, <c>hybrid</c> or <c>reset-aware</c>; null means hybrid (or what <see cref="Mode"/> implies). Set this or Mode, not both.</summary>
    public string? Strategy { get; set; }

    /// <summary>The manager's modes <c>CacheFirst</c>, <c>Balance</c>, <c>PerformanceFirst</c> (see <see cref="SchedulingModes"/>).</summary>
    public string? Mode { get; set; }

    /// <summary>An account id or email to use for every request while it is usable.</summary>
    public string? FixedAccount { get; set; }

    /// <summary>
    /// The longest a request waits in total for a limited account (all accounts limited, or CacheFirst waiting for
    /// its bound account) before answering 429 with Retry-After. 0: never wait.
    /// </summary>
    [Range(0, 3600)]
    public int MaxWaitSeconds { get; set; } = 60;

    /// <summary>Upstream sends per client request, across hosts, accounts and retries.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>A session binding unused this long expires.</summary>
    [Range(1, 604800)]
    public int BindingTtlSeconds { get; set; } = 3600;

    /// <summary>Bindings kept at most; the least recently used go first.</summary>
    [Range(1, 10_000_000)]
    public int MaxBindings { get; set; } = 10_000;

    /// <summary>
    /// The manager's reuse window: a request without a bound session that comes within this many seconds of the scope's
    /// last pick goes to the same account (while it is usable). Null: 60 under the manager's modes CacheFirst and Balance,
    /// off otherwise; 0: off. A runtime setting.
    /// </summary>
    [Range(0, 3600)]
    public int? ReuseWindowSeconds { get; set; }

    /// <summary>
    /// Spread new sessions over the accounts of the highest tier with room, by a per-session offset (the plugin's
    /// <c>pid_offset_enabled</c>). Off: new sessions go where the strategy puts them. A client's
    /// <c>X-Switchyard-Session-Offset</c> header asks for spreading whatever this says. Round-robin spreads anyway.
    /// </summary>
    public bool SpreadNewSessions { get; set; }

    [ValidateObjectMembers]
    public HybridOptions Hybrid { get; set; } = new();

    [ValidateObjectMembers]
    public ResetAwareOptions ResetAware { get; set; } = new();
}
