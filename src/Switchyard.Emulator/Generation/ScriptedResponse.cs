using System.Text.Json.Nodes;
using Switchyard.Emulator.Control;
using Switchyard.Emulator.Faults;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// One queued reply of a script (spec §8.3): <c>{thinking?, text?, functionCalls?[{name, args}], image?,
/// finishReason?, usage?, fault?}</c>. JSON pieces are kept as strings, so a stored entry is immutable and
/// each reply parses its own copy.
/// </summary>
internal sealed record ScriptedResponse
{
    private static readonly string[] Keys = ["thinking", "text", "functionCalls", "image", "finishReason", "usage", "fault"];

    public string? Thinking { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<(string Name, string ArgsJson)> FunctionCalls { get; init; } = [];
    public bool Image { get; init; }
    public string? FinishReason { get; init; }

    /// <summary>usageMetadata keys that replace the estimated ones.</summary>
    public string? UsageJson { get; init; }

    /// <summary>A shaping fault (delay, stream mode, emptyResponse) that applies to this reply only.</summary>
    public string? FaultJson { get; init; }

    public JsonObject? Usage => UsageJson is null ? null : JsonNode.Parse(UsageJson)!.AsObject();

    public FaultAction? Fault => FaultJson is null ? null : ToFault(JsonNode.Parse(FaultJson)!.AsObject());

    /// <summary>Parses and checks one response; a problem becomes a <see cref="ControlException"/> naming it.</summary>
    public static ScriptedResponse Parse(JsonNode? node, string path)
    {
        if (node is not JsonObject o)
        {
            throw new ControlException($"'{path}' must be an object.");
        }

        foreach (var (key, _) in o)
        {
            if (!Keys.Contains(key, StringComparer.Ordinal))
            {
                throw new ControlException($"Unknown key '{path}.{key}'; use {string.Join(", ", Keys)}.");
            }
        }

        var calls = new List<(string, string)>();
        if (o["functionCalls"] is { } fc)
        {
            if (fc is not JsonArray array)
            {
                throw new ControlException($"'{path}.functionCalls' must be an array.");
            }

            for (var i = 0; i < array.Count; i++)
            {
                var at = $"{path}.functionCalls[{i}]";
                if (array[i] is not JsonObject call || String(call, "name", at) is not { Length: > 0 } name)
                {
                    throw new ControlException($"'{at}' must be an object with a non-empty 'name'.");
                }

                var args = call["args"] switch
                {
                    null => "{}",
                    JsonObject a => a.ToJsonString(),
                    _ => throw new ControlException($"'{at}.args' must be an object."),
                };
                calls.Add((name, args));
            }
        }

        var usage = o["usage"] switch
        {
            null => null,
            JsonObject u when u.All(p => p.Value is JsonValue v && v.TryGetValue<int>(out _)) => u.ToJsonString(),
            _ => throw new ControlException($"'{path}.usage' must be an object of integer token counts."),
        };
        string? fault = null;
        if (o["fault"] is { } f)
        {
            if (f is not JsonObject fo || String(fo, "type", $"{path}.fault") is null)
            {
                throw new ControlException($"'{path}.fault' must be an object with a string 'type'.");
            }

            var type = String(fo, "type", $"{path}.fault")!;
            if (!StreamShaping.IsShaping(type))
            {
                throw new ControlException($"'{path}.fault.type' must be delay, stream, body or emptyResponse (got '{type}').");
            }

            if (type == "body" && !BodyShaping.Modes.Contains(String(fo, "mode", $"{path}.fault") ?? "", StringComparer.Ordinal))
            {
                throw new ControlException($"'{path}.fault.mode' must be one of {string.Join(", ", BodyShaping.Modes)}.");
            }

            if (type == "stream" && !StreamShaping.Modes.Contains(String(fo, "mode", $"{path}.fault") ?? "", StringComparer.Ordinal))
            {
                throw new ControlException($"'{path}.fault.mode' must be one of {string.Join(", ", StreamShaping.Modes)}.");
            }

            fault = fo.ToJsonString();
        }

        return new ScriptedResponse
        {
            Thinking = String(o, "thinking", path),
            Text = String(o, "text", path),
            FunctionCalls = calls,
            Image = o["image"] switch
            {
                null => false,
                JsonValue v when v.TryGetValue<bool>(out var b) => b,
                _ => throw new ControlException($"'{path}.image' must be true or false."),
            },
            FinishReason = String(o, "finishReason", path),
            UsageJson = usage,
            FaultJson = fault,
        };
    }

    public static FaultAction ToFault(JsonObject action) =>
        new(action["type"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : "", action);

    private static string? String(JsonObject o, string key, string path) => o[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new ControlException($"'{path}.{key}' must be a string."),
    };
}
