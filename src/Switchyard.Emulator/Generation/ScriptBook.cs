using System.Text.Json.Nodes;
using Switchyard.Emulator.Control;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// Scripted replies queued per test (spec §8.3). Scripts are matched in the order they were added; each
/// hands out its responses first in, first out, and is dropped when it has none left. Thread-safe: every
/// member takes one lock.
/// </summary>
internal sealed class ScriptBook
{
    private static readonly string[] MatchKeys = ["email", "model", "label"];

    private readonly Lock _gate = new();
    private readonly List<Script> _scripts = [];

    /// <summary>Adds one script <c>{match?, responses}</c> or an array of them. Returns the number of responses queued.</summary>
    public int Add(JsonNode? body)
    {
        var parsed = body switch
        {
            JsonArray array => array.Select((node, i) => Parse(node, $"[{i}]")).ToList(),
            JsonObject => [Parse(body, "script")],
            _ => throw new ControlException("The body must be a script object or an array of them."),
        };
        lock (_gate)
        {
            _scripts.AddRange(parsed);
        }

        return parsed.Sum(s => s.Responses.Count);
    }

    /// <summary>Takes the next response of the first script that matches the call, or null.</summary>
    public ScriptedResponse? Take(string? email, string? model, string label)
    {
        lock (_gate)
        {
            for (var i = 0; i < _scripts.Count; i++)
            {
                var script = _scripts[i];
                if (!Glob.IsMatch(script.Email, email) || !Glob.IsMatch(script.Model, model) || !Glob.IsMatch(script.Label, label))
                {
                    continue;
                }

                var response = script.Responses.Dequeue();
                if (script.Responses.Count == 0)
                {
                    _scripts.RemoveAt(i);
                }

                return response;
            }

            return null;
        }
    }

    /// <summary>The scripts with the responses they have left, as JSON.</summary>
    public JsonArray Remaining()
    {
        lock (_gate)
        {
            var result = new JsonArray();
            foreach (var script in _scripts)
            {
                var match = new JsonObject();
                AddIfSet(match, "email", script.Email);
                AddIfSet(match, "model", script.Model);
                AddIfSet(match, "label", script.Label);
                result.Add((JsonNode)new JsonObject
                {
                    ["match"] = match,
                    ["remaining"] = script.Responses.Count,
                    ["responses"] = new JsonArray(script.Sources.Skip(script.Sources.Count - script.Responses.Count)
                        .Select(s => JsonNode.Parse(s)).ToArray()),
                });
            }

            return result;
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _scripts.Sum(s => s.Responses.Count);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _scripts.Clear();
        }
    }

    private static void AddIfSet(JsonObject o, string key, string? value)
    {
        if (value is not null)
        {
            o[key] = value;
        }
    }

    private static Script Parse(JsonNode? node, string path)
    {
        if (node is not JsonObject o)
        {
            throw new ControlException($"'{path}' must be an object with 'responses'.");
        }

        foreach (var (key, _) in o)
        {
            if (key is not ("match" or "responses"))
            {
                throw new ControlException($"Unknown key '{path}.{key}'; use match and responses.");
            }
        }

        string? email = null, model = null, label = null;
        if (o["match"] is { } m)
        {
            if (m is not JsonObject match)
            {
                throw new ControlException($"'{path}.match' must be an object.");
            }

            foreach (var (key, value) in match)
            {
                if (!MatchKeys.Contains(key, StringComparer.Ordinal))
                {
                    throw new ControlException($"Unknown key '{path}.match.{key}'; use email, model and label.");
                }

                if (value is not JsonValue v || !v.TryGetValue<string>(out var glob))
                {
                    throw new ControlException($"'{path}.match.{key}' must be a string glob.");
                }

                switch (key)
                {
                    case "email": email = glob; break;
                    case "model": model = glob; break;
                    default: label = glob; break;
                }
            }
        }

        if (o["responses"] is not JsonArray { Count: > 0 } responses)
        {
            throw new ControlException($"'{path}.responses' must be a non-empty array.");
        }

        var queue = new Queue<ScriptedResponse>();
        var sources = new List<string>();
        for (var i = 0; i < responses.Count; i++)
        {
            queue.Enqueue(ScriptedResponse.Parse(responses[i], $"{path}.responses[{i}]"));
            sources.Add(responses[i]!.ToJsonString());
        }

        return new Script(email, model, label, queue, sources);
    }

    private sealed record Script(string? Email, string? Model, string? Label, Queue<ScriptedResponse> Responses, List<string> Sources);
}
