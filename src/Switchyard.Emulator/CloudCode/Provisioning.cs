using System.Text.Json.Nodes;

namespace Switchyard.Emulator.CloudCode;

/// <summary>loadCodeAssist and onboardUser (spec §3.3-3.4). (Stub: owned by the identity work.)</summary>
internal static class Provisioning
{
    public static EmulatorReply LoadCodeAssist(CloudCodeCall call) =>
        new JsonReply(200, new JsonObject { ["cloudaicompanionProject"] = call.Account?.ProjectId });

    public static EmulatorReply OnboardUser(CloudCodeCall call) =>
        new JsonReply(200, new JsonObject { ["name"] = "operations/stub", ["done"] = true });
}
