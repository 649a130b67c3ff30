namespace Switchyard.Admin;

/// <summary>The outcome of a throttled password or key check (<see cref="AdminThrottle.CheckAsync"/>).</summary>
internal enum AdminCheck
{
    Passed,
    Failed,

    /// <summary>Too many checks were waiting; this one did not run.</summary>
    Busy,
}
