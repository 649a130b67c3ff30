using System.ComponentModel.DataAnnotations;

namespace Switchyard.Scheduling;

/// <summary>
/// The reset-aware strategy (section <c>Scheduling:ResetAware</c>): the hybrid score plus
/// <see cref="PressureWeight"/> × pressure, where pressure is the remaining fraction ÷ hours to the reset of the tighter
/// window (<see cref="ResetPressure"/>). With the default weight, a weekly window resetting in 10 h with 70 % left
/// (0.07 per hour) is worth 1400 points against 119 for a fresh account (1 ÷ 168 h): more than the whole hybrid score
/// (at most 1060), so quota that would be wasted is spent first, and hybrid decides between accounts with as much at stake.
/// </summary>
internal sealed class ResetAwareOptions
{
    /// <summary>Points per unit of pressure (remaining fraction per hour to the reset). 0 makes it hybrid.</summary>
    [Range(0.0, 10000000.0)]
    public double PressureWeight { get; set; } = 20000;

    /// <summary>Hours to a reset are counted as at least this much, so a reset a second away does not outweigh everything.</summary>
    [Range(0.01, 24.0)]
    public double MinHoursToReset { get; set; } = 0.25;

    /// <summary>
    /// Keep the tier order first (ULTRA, then PRO, then FREE) and compare pressure only within the highest tier that has
    /// room. Off by default: quota about to be wasted on a FREE account is worth spending before an ULTRA account's.
    /// </summary>
    public bool TierFirst { get; set; }
}
