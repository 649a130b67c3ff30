using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Faults;

/// <summary>One stored fault rule and its counters. Mutated only under <see cref="FaultBook"/>'s lock.</summary>
internal sealed class FaultEntry
{
    public string? Id { get; set; }
    public required FaultMatch Match { get; init; }
    public int Skip { get; init; }

    /// <summary>How many times the rule fires; null = no limit.</summary>
    public int? Times { get; init; }

    public double Probability { get; init; } = 1.0;
    public required FaultAction Action { get; init; }

    /// <summary>Calls whose keys matched (including skipped ones and lost dice rolls).</summary>
    public int Seen { get; set; }

    /// <summary>Calls the rule fired on.</summary>
    public int Hits { get; set; }

    public JsonObject Describe() => new()
    {
        ["id"] = Id,
        ["match"] = Match.Describe(),
        ["skip"] = Skip,
        ["times"] = Times,
        ["probability"] = Probability,
        ["action"] = Action.Args.DeepClone(),
        ["hits"] = Hits,
        ["seen"] = Seen,
    };
}

/// <summary>The <c>match</c> object of a rule: each key an optional case-insensitive glob; <c>bodyContains</c> a substring.</summary>
internal sealed record FaultMatch(
    string? Label = null,
    string? Rpc = null,
    string? Model = null,
    string? Email = null,
    string? Pool = null,
    string? GrantType = null,
    string? BodyContains = null)
{
    public static readonly string[] Keys = ["label", "rpc", "model", "email", "pool", "grantType", "bodyContains"];

    public bool IsMatch(FaultProbe probe) =>
        Glob.IsMatch(Label, probe.Label)
        && Glob.IsMatch(Rpc, probe.Rpc)
        && Glob.IsMatch(Model, probe.Model)
        && Glob.IsMatch(Email, probe.Email)
        && Glob.IsMatch(Pool, probe.Pool)
        && Glob.IsMatch(GrantType, probe.GrantType)
        && (BodyContains is null || (probe.Body?.Contains(BodyContains, StringComparison.OrdinalIgnoreCase) ?? false));

    public JsonObject Describe()
    {
        var match = new JsonObject();
        Add(match, "label", Label);
        Add(match, "rpc", Rpc);
        Add(match, "model", Model);
        Add(match, "email", Email);
        Add(match, "pool", Pool);
        Add(match, "grantType", GrantType);
        Add(match, "bodyContains", BodyContains);
        return match;
    }

    private static void Add(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
