namespace Switchyard.Models;

/// <summary>One model as <c>/v1/models</c> lists it; each protocol renders its own shape from it.</summary>
/// <param name="Id">The public name a client may send.</param>
/// <param name="DisplayName">Human name of the upstream model it reaches.</param>
/// <param name="UpstreamModel">The upstream id it resolves to (equal to <paramref name="Id"/> for upstream ids).</param>
internal sealed record ModelCatalogEntry(
    string Id,
    string DisplayName,
    ModelFamily Family,
    int ContextWindow,
    int MaxOutputTokens,
    bool Thinking,
    string UpstreamModel);

/// <summary>
/// What <c>/v1/models</c> lists: every upstream id (<see cref="UpstreamModels.All"/>), then the main built-in
/// aliases (<see cref="MainAliases"/>), then the names of exact user rules; each resolved through the
/// <see cref="ModelResolver"/>, so the metadata follows the rules in force. Rebuilt only when the rules change.
/// </summary>
internal sealed class ModelCatalogView(ModelResolver resolver)
{
    /// <summary>Aliases worth showing to clients that pick from a list.</summary>
    public static IReadOnlyList<string> MainAliases { get; } =
    [
        "claude-opus-4-6",
        "claude-opus-4-5",
        "claude-sonnet-4-5",
        "claude-sonnet-4-5-thinking",
        "claude-haiku-4-5",
        "gemini-3-pro",
        "gemini-3.1-pro",
        "gpt-oss-120b",
    ];

    private Snapshot? _snapshot;

    public IReadOnlyList<ModelCatalogEntry> Entries
    {
        get
        {
            var rules = resolver.Rules;
            var snapshot = _snapshot;
            if (snapshot is null || !ReferenceEquals(snapshot.Rules, rules))
            {
                snapshot = new Snapshot(rules, Build(rules));
                _snapshot = snapshot;
            }

            return snapshot.Entries;
        }
    }

    private List<ModelCatalogEntry> Build(ModelRuleSet rules)
    {
        var ids = UpstreamModels.All.Select(m => m.Id).Concat(MainAliases).Concat(rules.ExactRules.Select(r => r.Pattern));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = new List<ModelCatalogEntry>();
        foreach (var id in ids)
        {
            if (!seen.Add(id) || resolver.Resolve(id).Route is not { } route)
            {
                continue;
            }

            var model = UpstreamModels.TryGet(route.UpstreamModel, out var known) ? known : null;
            entries.Add(new ModelCatalogEntry(
                id,
                model?.DisplayName ?? route.UpstreamModel,
                route.Family,
                model?.ContextWindow ?? 0,
                route.MaxOutputTokens,
                route.Thinking,
                route.UpstreamModel));
        }

        return entries;
    }

    private sealed record Snapshot(ModelRuleSet Rules, IReadOnlyList<ModelCatalogEntry> Entries);
}
