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
    /// <remarks>Keeps <see cref="HybridOptions"/>'s properties for the start-up key check, which reads them by reflection.</remarks>
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties, typeof(HybridOptions))]
    public static void Bind(IConfiguration section, SchedulingOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary><c>sticky</c>, <c>round-robin</c> or <c>hybrid</c>; null means hybrid (or what <see cref="Mode"/> implies). Set this or Mode, not both.</summary>
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

    [ValidateObjectMembers]
    public HybridOptions Hybrid { get; set; } = new();
}
