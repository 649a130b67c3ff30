using Switchyard.Protocols.Responses;
using Switchyard.Protocols.Shared;
using Switchyard.Scheduling;
using Switchyard.Upstream.Wire;

namespace Switchyard.FrontDoors;

/// <summary>
/// The upstream rounds of one Responses reply with the gateway's own web search (web search next to function tools):
/// after a round whose only calls are searches, each search runs on the search model, and the next round sends the
/// request again with the calling model turn and the answers (<see cref="ResponsesWebSearch.Continue"/>). At most
/// <see cref="WebSearchRunner.MaxRounds"/> rounds search; one more round answers any further call with "limit reached",
/// so the model ends with text. A round that also calls client tools ends the response (the client answers those).
/// Not thread-safe; one per request.
/// </summary>
internal sealed class ResponsesSearchRounds(ResponsesRequest request, WebSearchRunner search)
{
    private readonly List<(IReadOnlyList<Part> Parts, List<(PendingSearch Search, string Answer)> Answers)> _rounds = [];

    /// <summary>The upstream request for the next round: the translated request plus every finished search round.</summary>
    public UpstreamEnvelope Translate(TranslationContext ctx)
    {
        var envelope = ResponsesTranslator.ToUpstream(request, ctx);
        foreach (var (parts, answers) in _rounds)
        {
            envelope = ResponsesWebSearch.Continue(envelope, parts, answers, ctx);
        }

        return envelope;
    }

    /// <summary>Whether the round just read ended in searches the gateway must answer before the reply can end.</summary>
    public bool ShouldContinue(ResponsesStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.PendingSearches.Count > 0
            && _rounds.Count <= search.MaxRounds
            && !stream.RoundParts.Any(p => p.FunctionCall is { } call && request.ToolMap?.FindUpstream(call.Name)?.Kind != ResponsesToolKind.WebSearch);
    }

    /// <summary>Runs the round's searches (or answers "limit reached" past the limit) and starts the next round of <paramref name="stream"/>.</summary>
    public async Task SearchAsync(ResponsesStream stream, HttpContext http, SessionKeyInputs session)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var answers = new List<(PendingSearch, string)>();
        foreach (var pending in stream.PendingSearches)
        {
            var answer = _rounds.Count < search.MaxRounds
                ? (await search.SearchAsync(http, pending.Query, session)).ResultText
                : WebSearchRunner.LimitReached;
            answers.Add((pending, answer));
        }

        _rounds.Add(([.. stream.RoundParts], answers));
        stream.BeginRound();
    }
}
