using System.Reflection;
using System.Text.Json.Nodes;
using Switchyard.Emulator;
using Switchyard.Emulator.State;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Recovery;

/// <summary>Requests, faults and journal reading shared by the recovery tests.</summary>
internal static class RecoveryHarness
{
    public const string RepairsHeader = "X-Switchyard-Repairs";
    public const string ClaudeModel = "claude-sonnet-4-5-thinking";

    /// <summary>Looks like a real signature (long, base64 alphabet) but verifies for nothing.</summary>
    public static readonly string ForgedSignature = new('Q', 88);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static JsonArray WeatherTool() => new(new JsonObject
    {
        ["name"] = "get_weather",
        ["description"] = "Weather for a city",
        ["input_schema"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray("city"),
        },
    });

    /// <summary>A scripted Claude reply: thinking, then calls (or text when there are none).</summary>
    public static JsonObject Reply(string thinking, params string[] cities)
    {
        var reply = new JsonObject { ["thinking"] = thinking };
        if (cities.Length == 0)
        {
            reply["text"] = "All done.";
        }
        else
        {
            reply["functionCalls"] = new JsonArray(cities.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = "get_weather",
                ["args"] = new JsonObject { ["city"] = c },
            }).ToArray());
        }

        return reply;
    }

    public static Task ScriptAsync(FrontDoorHarness h, params JsonObject[] replies) =>
        h.Emulator.Control.AddScriptAsync(new JsonObject
        {
            ["match"] = new JsonObject { ["model"] = "claude-*" },
            ["responses"] = new JsonArray(replies.Select(r => (JsonNode)r).ToArray()),
        }, Ct);

    public static JsonObject Messages(params JsonObject[] messages) => new()
    {
        ["model"] = ClaudeModel,
        ["max_tokens"] = 4096,
        ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 1024 },
        ["tools"] = WeatherTool(),
        ["messages"] = new JsonArray(messages.Select(m => (JsonNode)m).ToArray()),
    };

    public static JsonObject UserText(string text) => new() { ["role"] = "user", ["content"] = text };

    public static JsonObject ToolResults(params string[] ids) => new()
    {
        ["role"] = "user",
        ["content"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = id, ["content"] = "Sunny, 21 C" }).ToArray()),
    };

    /// <summary>
    /// Turn one of a tool loop with thinking (scripted: thinking and a get_weather call), then the second turn's
    /// body answering it; the journal is cleared so it holds only what follows.
    /// </summary>
    public static async Task<(JsonObject Body, string ToolId)> OpenLoopAsync(FrontDoorHarness h)
    {
        await ScriptAsync(h, Reply("Need the weather first.", "Paris"));
        var first = Messages(UserText("What is the weather in Paris?"));
        using var response = await h.PostAsync("v1/messages", first.ToJsonString());
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Equal("tool_use", (string?)json["stop_reason"]);
        var content = json["content"]!.AsArray();
        var id = (string)content.Single(b => (string)b!["type"]! == "tool_use")!["id"]!;
        var second = Messages(
            UserText("What is the weather in Paris?"),
            new JsonObject { ["role"] = "assistant", ["content"] = content.DeepClone() },
            ToolResults(id));
        await h.Emulator.Control.ClearRequestsAsync(Ct);
        return (second, id);
    }

    /// <summary>A badRequest fault with the given §5.5 preset, firing once on generate calls.</summary>
    public static JsonObject BadRequestOnce(string preset, string? variant = null)
    {
        var action = new JsonObject { ["type"] = "badRequest", ["preset"] = preset };
        if (variant is not null)
        {
            action["variant"] = variant;
        }

        return new JsonObject { ["match"] = new JsonObject { ["rpc"] = "generateContent" }, ["times"] = 1, ["action"] = action };
    }

    public static JsonObject StreamFault(string mode, int? afterEvents = null, int? times = null, JsonObject? error = null)
    {
        var action = new JsonObject { ["type"] = "stream", ["mode"] = mode };
        if (afterEvents is { } n)
        {
            action["afterEvents"] = n;
        }

        if (error is not null)
        {
            action["error"] = error;
        }

        var rule = new JsonObject { ["match"] = new JsonObject { ["rpc"] = "streamGenerateContent" }, ["action"] = action };
        if (times is { } t)
        {
            rule["times"] = t;
        }

        return rule;
    }

    /// <summary>The generate calls the emulator saw, with their request bodies parsed.</summary>
    public static async Task<List<(JournalEntry Entry, JsonObject Request)>> CallsAsync(FrontDoorHarness h) =>
        (await h.GenerateCallsAsync()).Select(e => (e, JsonNode.Parse(e.Body!)!["request"]!.AsObject())).ToList();

    public static IEnumerable<JsonObject> Parts(JsonObject request) =>
        request["contents"]!.AsArray().SelectMany(c => c!["parts"]!.AsArray()).Select(p => p!.AsObject());

    public static bool HasThinkingConfig(JsonObject request) => request["generationConfig"]?["thinkingConfig"] is not null;

    public static string Repairs(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RepairsHeader, out var values) ? string.Join(",", values) : "";

    /// <summary>Rotates the emulator's signing key (every signature given so far becomes stale). Test-only, by reflection.</summary>
    public static void RotateSigningKey(EmulatorServer emulator)
    {
        const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var state = typeof(EmulatorServer).GetProperty("State", Flags)!.GetValue(emulator)!;
        var signatures = state.GetType().GetProperty("Signatures", Flags)!.GetValue(state)!;
        signatures.GetType().GetMethod("Rotate", Flags)!.Invoke(signatures, null);
    }
}
