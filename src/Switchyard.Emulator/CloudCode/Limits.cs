namespace Switchyard.Emulator.CloudCode;

/// <summary>Steps 5-7 of spec §8.2: requests per minute, quota, capacity. (Stub: owned by the quota work.)</summary>
internal static class Limits
{
    public static EmulatorReply? Check(CloudCodeCall call)
    {
        _ = call;
        return null;
    }

    /// <summary>A successful content call spends quota and counts toward the rpm window.</summary>
    public static void Charge(CloudCodeCall call) => _ = call;
}
