using System.Text.Json.Nodes;

namespace Switchyard.Emulator.CloudCode;

/// <summary>fetchAvailableModels, retrieveUserQuota, retrieveUserQuotaSummary. (Stub: owned by the quota work.)</summary>
internal static class QuotaRpcs
{
    public static EmulatorReply FetchAvailableModels(CloudCodeCall call) => new JsonReply(200, new JsonObject { ["models"] = new JsonObject() });

    public static EmulatorReply RetrieveUserQuota(CloudCodeCall call) => new JsonReply(200, new JsonObject { ["buckets"] = new JsonArray() });

    public static EmulatorReply RetrieveUserQuotaSummary(CloudCodeCall call) => new JsonReply(200, new JsonObject { ["groups"] = new JsonArray() });
}
