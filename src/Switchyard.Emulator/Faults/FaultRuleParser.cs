using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Control;

namespace Switchyard.Emulator.Faults;

/// <summary>
/// Reads the rules posted to <c>/__emulator/faults</c>. Everything is checked when the rule is added, so
/// a bad rule is a 400 naming the problem rather than a surprise in the middle of a test.
/// </summary>
internal static class FaultRuleParser
{
    private static readonly string[] RuleKeys = ["id", "match", "skip", "times", "probability", "action"];

    /// <summary>One rule object or an array of them.</summary>
    public static List<FaultEntry> Parse(JsonNode? body)
    {
        switch (body)
        {
            case JsonObject rule:
                return [ParseRule(rule, "")];
            case JsonArray rules when rules.Count > 0:
                var parsed = new List<FaultEntry>();
                for (var i = 0; i < rules.Count; i++)
                {
                    parsed.Add(rules[i] is JsonObject r
                        ? ParseRule(r, $"rule {i}: ")
                        : throw new ControlException($"rule {i}: a rule must be a JSON object."));
                }

                return parsed;
            case JsonArray:
                throw new ControlException("Send at least one rule.");
            default:
                throw new ControlException("Send a rule object or an array of rules.");
        }
    }

    private static FaultEntry ParseRule(JsonObject rule, string where)
    {
        foreach (var (key, _) in rule)
        {
            if (!RuleKeys.Contains(key, StringComparer.Ordinal))
            {
                throw new ControlException($"{where}unknown rule key '{key}'; use {string.Join(", ", RuleKeys)}.");
            }
        }

        var id = rule["id"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => s,
            _ => throw new ControlException($"{where}'id' must be a non-empty string."),
        };
        var skip = rule["skip"] is null ? 0 : Int(rule["skip"], $"{where}'skip'", min: 0);
        int? times = rule["times"] is null ? null : Int(rule["times"], $"{where}'times'", min: 1);
        var probability = 1.0;
        if (rule["probability"] is { } p)
        {
            if (p is not JsonValue pv || !pv.TryGetValue<double>(out probability) || probability is < 0 or > 1 || double.IsNaN(probability))
            {
                throw new ControlException($"{where}'probability' must be a number from 0 to 1.");
            }
        }

        var match = ParseMatch(rule["match"], where);
        var action = rule["action"] as JsonObject ?? throw new ControlException($"{where}'action' must be an object with a 'type'.");
        return new FaultEntry
        {
            Id = id,
            Match = match,
            Skip = skip,
            Times = times,
            Probability = probability,
            Action = ParseAction(action, $"{where}action: "),
        };
    }

    private static FaultMatch ParseMatch(JsonNode? node, string where)
    {
        if (node is null)
        {
            return new FaultMatch();
        }

        if (node is not JsonObject match)
        {
            throw new ControlException($"{where}'match' must be an object.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in match)
        {
            var known = FaultMatch.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.Ordinal))
                ?? throw new ControlException($"{where}unknown match key '{key}'; use {string.Join(", ", FaultMatch.Keys)}.");
            if (value is null)
            {
                continue;
            }

            values[known] = value is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw new ControlException($"{where}match '{key}' must be a string.");
        }

        return new FaultMatch(
            values.GetValueOrDefault("label"),
            values.GetValueOrDefault("rpc"),
            values.GetValueOrDefault("model"),
            values.GetValueOrDefault("email"),
            values.GetValueOrDefault("pool"),
            values.GetValueOrDefault("grantType"),
            values.GetValueOrDefault("bodyContains"));
    }

    /// <summary>Checks an action's type and the arguments it takes; returns it with the object cloned.</summary>
    public static FaultAction ParseAction(JsonObject action, string where)
    {
        var type = action["type"] is JsonValue t && t.TryGetValue<string>(out var s)
            ? s
            : throw new ControlException($"{where}'type' must be a string; use one of {string.Join(", ", FaultActionTypes.All)}.");
        if (!FaultActionTypes.All.Contains(type, StringComparer.Ordinal))
        {
            throw new ControlException($"{where}unknown action type '{type}'; use one of {string.Join(", ", FaultActionTypes.All)}.");
        }

        var args = action.DeepClone().AsObject();
        OptionalNumber(args, "retryAfter", where);
        OptionalNumber(args, "retryAfterMs", where);
        switch (type)
        {
            case FaultActionTypes.RateLimit:
                OptionalDuration(args, "retryDelay", where);
                OptionalString(args, "message", where);
                break;
            case FaultActionTypes.QuotaExhausted:
                OptionalDuration(args, "resetIn", where);
                if (OptionalString(args, "resetAt", where) is { } at && !TryTime(at, out _))
                {
                    throw new ControlException($"{where}'resetAt' must be an RFC 3339 time.");
                }

                if (args["resetIn"] is not null && args["resetAt"] is not null)
                {
                    throw new ControlException($"{where}send 'resetIn' or 'resetAt', not both.");
                }

                OptionalBool(args, "includeRetryInfo", where);
                OptionalBool(args, "setBucketState", where);
                if (OptionalString(args, "window", where) is { } window && window is not ("5h" or "weekly"))
                {
                    throw new ControlException($"{where}'window' must be 5h or weekly.");
                }

                if (OptionalString(args, "style", where) is { } style && !QuotaErrors.Styles.Contains(style, StringComparer.Ordinal))
                {
                    throw new ControlException($"{where}unknown style '{style}'; use one of {string.Join(", ", QuotaErrors.Styles)}.");
                }

                break;
            case FaultActionTypes.Notice:
                OptionalString(args, "text", where);
                break;
            case FaultActionTypes.Capacity:
                if (OptionalInt(args, "status", where) is { } capacityStatus && capacityStatus is not (429 or 503))
                {
                    throw new ControlException($"{where}capacity 'status' must be 429 or 503.");
                }

                OptionalDuration(args, "retryDelay", where);
                if (OptionalString(args, "reason", where) is { } reason && reason is not ("MODEL_CAPACITY_EXHAUSTED" or "MODEL_CAPACITY_EXCEEDED"))
                {
                    throw new ControlException($"{where}capacity 'reason' must be MODEL_CAPACITY_EXHAUSTED or MODEL_CAPACITY_EXCEEDED.");
                }

                break;
            case FaultActionTypes.Http:
                var preset = OptionalString(args, "preset", where);
                if (preset is not null && !FaultReplies.HttpPresets.Contains(preset, StringComparer.Ordinal))
                {
                    throw new ControlException($"{where}unknown http preset '{preset}'; use one of {string.Join(", ", FaultReplies.HttpPresets)}.");
                }

                var status = OptionalInt(args, "status", where);
                if (status is < 100 or > 599)
                {
                    throw new ControlException($"{where}'status' must be an HTTP status (100-599).");
                }

                if (status is null && preset is null)
                {
                    throw new ControlException($"{where}http needs 'status' or 'preset'.");
                }

                if (args["headers"] is { } headers && (headers is not JsonObject h
                    || h.Any(p => p.Value is not JsonValue hv || !hv.TryGetValue<string>(out _))))
                {
                    throw new ControlException($"{where}'headers' must be an object of string values.");
                }

                break;
            case FaultActionTypes.BadRequest:
                var badPreset = OptionalString(args, "preset", where);
                if (badPreset is not null && !FaultReplies.BadRequestPresets.Contains(badPreset, StringComparer.Ordinal))
                {
                    throw new ControlException($"{where}unknown badRequest preset '{badPreset}'; use one of {string.Join(", ", FaultReplies.BadRequestPresets)}.");
                }

                if (badPreset is null && OptionalString(args, "message", where) is null)
                {
                    throw new ControlException($"{where}badRequest needs 'preset' or 'message'.");
                }

                OptionalString(args, "message", where);
                OptionalInt(args, "index", where);
                OptionalString(args, "variant", where);
                break;
            case FaultActionTypes.Raw:
                if (OptionalInt(args, "status", where) is < 100 or > 599)
                {
                    throw new ControlException($"{where}'status' must be an HTTP status (100-599).");
                }

                OptionalString(args, "contentType", where);
                OptionalString(args, "body", where);
                break;
            case FaultActionTypes.ErrorArray:
                if (args["of"] is { } of)
                {
                    var inner = ParseAction(of as JsonObject ?? throw new ControlException($"{where}'of' must be an action object."), $"{where}of: ");
                    if (!FaultActionTypes.JsonErrors.Contains(inner.Type, StringComparer.Ordinal))
                    {
                        throw new ControlException($"{where}'of' must be one of {string.Join(", ", FaultActionTypes.JsonErrors)}.");
                    }
                }

                break;
            case FaultActionTypes.Delay:
                OptionalInt(args, "firstByteMs", where);
                OptionalInt(args, "interChunkMs", where);
                break;
            case FaultActionTypes.Stream:
                if (OptionalString(args, "mode", where) is null)
                {
                    throw new ControlException($"{where}stream needs a 'mode'.");
                }

                break;
            case FaultActionTypes.Body:
                var bodyMode = OptionalString(args, "mode", where);
                if (bodyMode is null || !Generation.BodyShaping.Modes.Contains(bodyMode, StringComparer.Ordinal))
                {
                    throw new ControlException($"{where}body needs a 'mode': one of {string.Join(", ", Generation.BodyShaping.Modes)}.");
                }

                OptionalInt(args, "afterBytes", where);
                break;
            case FaultActionTypes.Onboard:
                OptionalInt(args, "pendingPolls", where);
                break;
            case FaultActionTypes.OAuth:
                OptionalString(args, "error", where);
                OptionalInt(args, "status", where);
                OptionalString(args, "description", where);
                break;
            case FaultActionTypes.UserInfo:
                OptionalInt(args, "status", where);
                break;
        }

        return new FaultAction(type, args);
    }

    public static bool TryTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    private static int Int(JsonNode? node, string name, int min) =>
        node is JsonValue v && v.TryGetValue<int>(out var i) && i >= min
            ? i
            : throw new ControlException($"{name} must be an integer ≥ {min}.");

    private static int? OptionalInt(JsonObject args, string key, string where) => args[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var i) && i >= 0 => i,
        _ => throw new ControlException($"{where}'{key}' must be a non-negative integer."),
    };

    private static void OptionalNumber(JsonObject args, string key, string where)
    {
        if (args[key] is { } node && (node is not JsonValue v || !v.TryGetValue<double>(out var d) || d < 0))
        {
            throw new ControlException($"{where}'{key}' must be a non-negative number.");
        }
    }

    private static string? OptionalString(JsonObject args, string key, string where) => args[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new ControlException($"{where}'{key}' must be a string."),
    };

    private static void OptionalBool(JsonObject args, string key, string where)
    {
        if (args[key] is { } node && (node is not JsonValue v || !v.TryGetValue<bool>(out _)))
        {
            throw new ControlException($"{where}'{key}' must be true or false.");
        }
    }

    private static void OptionalDuration(JsonObject args, string key, string where)
    {
        if (args[key] is { } node && !FaultDurations.TryRead(node, out _))
        {
            throw new ControlException($"{where}'{key}' must be a duration: seconds as a number, or e.g. \"40s\", \"1.5s\", \"2h13m5s\".");
        }
    }
}
