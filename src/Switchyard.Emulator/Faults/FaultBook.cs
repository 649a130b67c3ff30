using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Faults;

/// <summary>
/// Fault rules set through the control API (spec §8.4), in the order they were added. Thread-safe: one
/// lock guards the rules, their counters and the seeded dice, so a given seed and call sequence always
/// fires the same rules.
/// </summary>
internal sealed class FaultBook(int seed = 1)
{
    private readonly Lock _gate = new();
    private readonly List<FaultEntry> _rules = [];
    private Random _random = new(seed);
    private int _generated;

    /// <summary>
    /// The first rule that matches the call and fires, counting the hit. A rule whose keys match but
    /// that is still skipping, has used up its <c>times</c> or loses its dice roll lets later rules try.
    /// </summary>
    public FaultRule? Match(FaultProbe probe)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (!rule.Match.IsMatch(probe))
                {
                    continue;
                }

                rule.Seen++;
                if (rule.Seen <= rule.Skip || (rule.Times is { } times && rule.Hits >= times))
                {
                    continue;
                }

                if (rule.Probability < 1.0 && _random.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                rule.Hits++;
                return new FaultRule(rule.Id!, rule.Action);
            }

            return null;
        }
    }

    /// <summary>Adds rules (a rule with an existing id replaces it in place, counters reset) and returns their ids.</summary>
    public List<string> Add(IEnumerable<FaultEntry> rules)
    {
        var ids = new List<string>();
        lock (_gate)
        {
            foreach (var rule in rules)
            {
                rule.Id ??= NextId();
                var index = _rules.FindIndex(r => string.Equals(r.Id, rule.Id, StringComparison.Ordinal));
                if (index >= 0)
                {
                    _rules[index] = rule;
                }
                else
                {
                    _rules.Add(rule);
                }

                ids.Add(rule.Id);
            }
        }

        return ids;
    }

    /// <summary>The rules as sent, with their ids and counters (<c>hits</c>: times fired; <c>seen</c>: times matched).</summary>
    public JsonArray Describe()
    {
        lock (_gate)
        {
            return new JsonArray(_rules.Select(r => (JsonNode)r.Describe()).ToArray());
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => string.Equals(r.Id, id, StringComparison.Ordinal)) > 0;
        }
    }

    /// <summary>Drops every rule and restarts the dice and the generated ids, so a run after a clear repeats.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _random = new Random(seed);
            _generated = 0;
        }
    }

    private string NextId()
    {
        string id;
        do
        {
            id = "fault-" + (++_generated).ToString(CultureInfo.InvariantCulture);
        }
        while (_rules.Exists(r => string.Equals(r.Id, id, StringComparison.Ordinal)));

        return id;
    }
}

/// <summary>What a fault rule is matched against: every field is optional, every match key a glob.</summary>
internal sealed record FaultProbe(
    string Label,
    string Rpc,
    string? Model = null,
    string? Email = null,
    string? Pool = null,
    string? GrantType = null,
    string? Body = null);

internal sealed record FaultRule(string Id, FaultAction Action);

/// <summary>
/// What a matching fault does: its <c>type</c> (rateLimit, quotaExhausted, capacity, http, stream, oauth…)
/// and the action object as sent, which each consumer reads for the keys it knows.
/// </summary>
internal sealed record FaultAction(string Type, JsonObject Args)
{
    public string? String(string key) => Args[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public int? Int(string key) => Args[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    public double? Double(string key) => Args[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    public bool? Bool(string key) => Args[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>A duration argument: a number of seconds, <c>"40s"</c>, <c>"1.5s"</c>, <c>"2h13m5.12s"</c> or <c>"500ms"</c>.</summary>
    public TimeSpan? Duration(string key) => FaultDurations.TryRead(Args[key], out var d) ? d : null;
}
