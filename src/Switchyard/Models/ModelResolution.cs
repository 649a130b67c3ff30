using System.Diagnostics.CodeAnalysis;

namespace Switchyard.Models;

/// <summary>How a client's model name was matched.</summary>
internal enum ModelMatchKind
{
    /// <summary>Not matched: <see cref="ModelResolution.Found"/> is false.</summary>
    None,

    /// <summary>The name is an upstream id (ignoring case and a <c>models/</c> prefix).</summary>
    Exact,

    /// <summary>A legacy id the upstream lists as deprecated, redirected to its replacement.</summary>
    Legacy,

    /// <summary>A built-in alias (<see cref="ModelAliases"/>).</summary>
    Alias,

    /// <summary>A user rule from <c>Models:Mappings</c>; see <see cref="ModelResolution.RuleIndex"/>.</summary>
    Rule,

    /// <summary>Unknown, sent upstream unchanged because <c>Models:AllowUnknownModels</c> is on.</summary>
    PassThrough,
}

/// <summary>
/// The outcome of <see cref="ModelResolver.Resolve"/>: a <see cref="ModelRoute"/> and how it was matched, or a
/// not-found message. Instances are immutable and cached; callers must not rely on identity beyond that.
/// </summary>
internal sealed class ModelResolution
{
    private ModelResolution(ModelRoute? route, ModelMatchKind match, int ruleIndex, string? error)
    {
        Route = route;
        Match = match;
        RuleIndex = ruleIndex;
        Error = error;
        MatchDescription = match switch
        {
            ModelMatchKind.Exact => "exact",
            ModelMatchKind.Legacy => "legacy",
            ModelMatchKind.Alias => "alias",
            ModelMatchKind.Rule => $"rule #{ruleIndex}",
            ModelMatchKind.PassThrough => "pass-through",
            _ => "not found",
        };
    }

    /// <summary>The route, when found.</summary>
    public ModelRoute? Route { get; }

    public ModelMatchKind Match { get; }

    /// <summary>Index of the matching rule in <c>Models:Mappings</c> (0-based, as in the config key), or -1.</summary>
    public int RuleIndex { get; }

    /// <summary>Why the name was not found (names the model and some known names), when not found.</summary>
    public string? Error { get; }

    /// <summary>"exact", "legacy", "alias", "rule #2", "pass-through" or "not found", for decision traces.</summary>
    public string MatchDescription { get; }

    [MemberNotNullWhen(true, nameof(Route))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Found => Route is not null;

    public static ModelResolution Matched(ModelRoute route, ModelMatchKind match, int ruleIndex = -1) =>
        new(route, match, ruleIndex, null);

    public static ModelResolution NotFound(string error) => new(null, ModelMatchKind.None, -1, error);
}
