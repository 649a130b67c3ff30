using Microsoft.Extensions.Options;
using Switchyard.Dispatch;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Quota;
using Switchyard.RequestLog;
using Switchyard.Scheduling;
using Switchyard.Upstream;

namespace Switchyard.FrontDoors;

/// <summary>The outcome of one search the gateway ran: the query, the grounded answer and its sources; a failed search has an explanation as its answer.</summary>
internal sealed record WebSearchOutcome(string Query, string Answer, IReadOnlyList<GroundingSource> Sources, bool Failed = false)
{
    /// <summary>What the model reads as the result of its search call.</summary>
    public string ResultText => WebSearchRequests.ResultText(Answer, Sources);
}

/// <summary>
/// Web search for every door: which model searches (<see cref="WebSearchOptions.Model"/>, else the live catalogue's
/// <c>webSearchModelIds</c>, else <see cref="WebSearchOptions.DefaultModel"/>), and one search through the account pool
/// (a <c>web_search</c> request on that model). Singleton.
/// </summary>
internal sealed class WebSearchRunner(
    ModelResolver models,
    QuotaService quota,
    IOptionsMonitor<WebSearchOptions> options,
    UpstreamDispatcher dispatcher)
{
    /// <summary>The answer to a search call past the limit, so the model ends with text.</summary>
    public const string LimitReached = "The web search limit for this response is reached. Answer with what the earlier searches found.";

    public int MaxRounds => options.CurrentValue.MaxRounds;

    /// <summary>The search model's id now (configured, else from the live catalogue, else the default).</summary>
    public string SearchModelId()
    {
        if (options.CurrentValue.Model is { Length: > 0 } configured)
        {
            return configured;
        }

        return quota.ListedSearchModels().FirstOrDefault(id => models.Resolve(id).Found) ?? WebSearchOptions.DefaultModel;
    }

    /// <summary>Whether <paramref name="route"/> takes the googleSearch tool itself.</summary>
    public bool IsSearchModel(ModelRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var live = quota.ListedSearchModels();
        return live.Contains(route.UpstreamModel, StringComparer.OrdinalIgnoreCase)
            || string.Equals(route.UpstreamModel, SearchModelId(), StringComparison.OrdinalIgnoreCase)
            || (live.Count == 0 && string.Equals(route.UpstreamModel, WebSearchOptions.DefaultModel, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The route a search-only request takes: <paramref name="requested"/> when it is a search model, else the search
    /// model (keeping the client's model name for the reply). Null when the search model is not known to the gateway.
    /// </summary>
    public ModelRoute? SearchRoute(ModelRoute requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (IsSearchModel(requested))
        {
            return requested;
        }

        var resolution = models.Resolve(SearchModelId());
        return resolution.Found ? resolution.Route with { RequestedModel = requested.RequestedModel } : null;
    }

    /// <summary>
    /// The route of a search-only request (<see cref="SearchRoute"/>), recorded as the trace's mapped model; null after a
    /// 400 in the door's envelope when no search model is known.
    /// </summary>
    public async Task<ModelRoute?> RouteSearchOnlyAsync(HttpContext http, IProtocolErrors errors, ModelRoute requested)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(errors);
        if (SearchRoute(requested) is not { } route)
        {
            await FrontDoor.WriteErrorAsync(http, errors.Create(400, $"Web search needs a search model, and '{SearchModelId()}' is not known to this gateway; set WebSearch:Model."));
            return null;
        }

        if (RequestTrace.Of(http) is { } trace)
        {
            trace.MappedModel = route.UpstreamModel;
        }

        return route;
    }

    /// <summary>Runs one search through the account pool. A failure is a value: the answer explains it, for the model to read.</summary>
    public async Task<WebSearchOutcome> SearchAsync(HttpContext http, string query, SessionKeyInputs? session)
    {
        ArgumentNullException.ThrowIfNull(http);
        var id = SearchModelId();
        var resolution = models.Resolve(id);
        if (!resolution.Found)
        {
            return new WebSearchOutcome(query, $"Web search is unavailable: the search model '{id}' is not known to the gateway.", [], Failed: true);
        }

        var result = await dispatcher.SendAsync(http, GenerateClient.Generate, resolution.Route, ctx => WebSearchRequests.SearchEnvelope(query, ctx), session);
        if (result.Attempt is not { } attempt)
        {
            return new WebSearchOutcome(query, $"Web search failed (upstream status {result.Failure!.Status}).", [], Failed: true);
        }

        using (attempt)
        {
            var envelope = await attempt.ReadEnvelopeAsync(http.RequestAborted);
            if (envelope is null)
            {
                return new WebSearchOutcome(query, "Web search failed (the upstream's answer was unreadable).", [], Failed: true);
            }

            var (text, sources) = WebSearchRequests.ReadAnswer(envelope);
            return new WebSearchOutcome(query, text, sources);
        }
    }
}
