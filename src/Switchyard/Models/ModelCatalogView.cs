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

/// <summary>A model some account's live catalogue serves (upstream-2026 §6.1), as the model list needs it.</summary>
internal sealed record ServedModel(string Id, string? DisplayName, int? ContextWindow, int? MaxOutputTokens);

/// <summary>
/// What <c>/v1/models</c> lists. <see cref="Entries"/>: every built-in upstream id (<see cref="UpstreamModels.All"/>),
/// then the main built-in aliases (<see cref="MainAliases"/>), then the names of exact user rules, each resolved through
/// the <see cref="ModelResolver"/>; rebuilt only when the rules change. <see cref="Live"/>: the same built from what the
/// pool really serves: the served ids, then the aliases and rules whose upstream id is served.
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
                snapshot = new Snapshot(rules, Build(rules, UpstreamModels.All.Select(m => m.Id), served: null));
                _snapshot = snapshot;
            }

            return snapshot.Entries;
        }
    }

    /// <summary>
    /// The list from the live catalogue: every served id (with the catalogue's name and limits when the built-ins do not
    /// know it), then the aliases and exact rules that reach a served id. Empty <paramref name="served"/>: <see cref="Entries"/>.
    /// </summary>
    public IReadOnlyList<ModelCatalogEntry> Live(IReadOnlyList<ServedModel> served)
    {
        ArgumentNullException.ThrowIfNull(served);
        if (served.Count == 0)
        {
            return Entries;
        }

        var byId = new Dictionary<string, ServedModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in served)
        {
            byId.TryAdd(model.Id, model);
        }

        return Build(resolver.Rules, served.Select(m => m.Id), byId);
    }

    private List<ModelCatalogEntry> Build(ModelRuleSet rules, IEnumerable<string> upstreamIds, Dictionary<string, ServedModel>? served)
    {
        var ids = upstreamIds.Concat(MainAliases).Concat(rules.ExactRules.Select(r => r.Pattern));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = new List<ModelCatalogEntry>();
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                continue;
            }

            var route = resolver.Resolve(id).Route;
            if (served is not null)
            {
                route ??= served.ContainsKey(id) ? ModelResolver.PassThrough(id) : null;
                if (route is null || !served.ContainsKey(route.UpstreamModel))
                {
                    continue;
                }
            }
            else if (route is null)
            {
                continue;
            }

            var model = UpstreamModels.TryGet(route.UpstreamModel, out var known) ? known : null;
            var live = served?.GetValueOrDefault(route.UpstreamModel);
            entries.Add(new ModelCatalogEntry(
                id,
                live?.DisplayName ?? model?.DisplayName ?? route.UpstreamModel,
                route.Family,
                live?.ContextWindow ?? model?.ContextWindow ?? 0,
                Math.Min(route.MaxOutputTokens, live?.MaxOutputTokens ?? route.MaxOutputTokens),
                route.Thinking,
                route.UpstreamModel));
        }

        return entries;
    }

    private sealed record Snapshot(ModelRuleSet Rules, IReadOnlyList<ModelCatalogEntry> Entries);
}
