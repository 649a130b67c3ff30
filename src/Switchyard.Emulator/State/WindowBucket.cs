namespace Switchyard.Emulator.State;

/// <summary>
/// One bucket of <c>retrieveUserQuotaSummary</c> (a family's 5 h or weekly window). Full and unstarted until the
/// first charge starts its clock; refills when <see cref="ResetTime"/> passes. Mutated only under the state gate.
/// </summary>
internal sealed class WindowBucket
{
    public double RemainingFraction { get; set; } = 1.0;

    /// <summary>End of the running window; null while the bucket is fresh.</summary>
    public DateTimeOffset? ResetTime { get; set; }

    /// <summary>Fraction each content call spends; null: the config's default for the window.</summary>
    public double? CostPerRequest { get; set; }
}
