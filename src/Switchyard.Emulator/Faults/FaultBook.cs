using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Faults;

/// <summary>Fault rules set through the control API. Thread-safe. (Stub: owned by the faults work.)</summary>
internal sealed class FaultBook
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];

    /// <summary>The first rule that matches the call and fires (skip, times, probability), counting the hit.</summary>
    public FaultRule? Match(FaultProbe probe)
    {
        lock (_gate)
        {
            _ = probe;
            return _rules.Count == 0 ? null : null;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
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
}
