using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Generation;

/// <summary>Step 9 of spec §8.2: the deterministic model. (Stub: owned by the generation work.)</summary>
internal static class ReplyGenerator
{
    public static EmulatorReply Generate(CloudCodeCall call)
    {
        var text = $"Emulated {call.Model?.Id} reply";
        var response = new JsonObject
        {
            ["candidates"] = new JsonArray
            {
                new JsonObject
                {
                    ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray { new JsonObject { ["text"] = text } } },
                    ["finishReason"] = "STOP",
                    ["index"] = 0,
                },
            },
        };
        return new JsonReply(200, new JsonObject { ["response"] = response, ["traceId"] = "stub" });
    }

    public static EmulatorReply CountTokens(CloudCodeCall call) => new JsonReply(200, new JsonObject { ["totalTokens"] = 0 });
}
