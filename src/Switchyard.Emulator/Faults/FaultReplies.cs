using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Faults;

/// <summary>Turns a fault action into the reply it stands for. (Stub: owned by the faults work.)</summary>
internal static class FaultReplies
{
    /// <summary>The reply that replaces the call, or null when the action only shapes the real reply.</summary>
    public static EmulatorReply? Immediate(CloudCodeCall call, FaultAction action)
    {
        _ = call;
        return action.Type == "networkReset" ? new NetworkResetReply() : null;
    }
}
