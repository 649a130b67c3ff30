using System.Runtime.CompilerServices;
using Switchyard.Dispatch;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Scheduling;
using Switchyard.Upstream.Wire;

namespace Switchyard.FrontDoors;

/// <summary>
/// The gateway's own web search for the Anthropic and chat doors (web search next to function tools). The model sees the
/// search function (<see cref="WebSearchPlan.FunctionName"/>); its calls are taken out of the upstream replies the door
/// translates, the searches run on the search model, each search's results pass to the translator as grounding (so it
/// shows them in its protocol's own shape: search result blocks, annotations), and the next round sends the request
/// again with the calling model turn and the answers. At most <see cref="WebSearchRunner.MaxRounds"/> (or the client's
/// <c>max_uses</c>) rounds search; one more answers further calls with "limit reached". A round that also calls client
/// tools ends the reply (its search calls are not shown: the client answers its own calls first). One per request.
/// </summary>
internal sealed class WebSearchLoop(
    FrontDoor door,
    WebSearchRunner search,
    IProtocolErrors errors,
    ModelRoute route,
    SessionKeyInputs session,
    Func<TranslationContext, UpstreamEnvelope> translate,
    WebSearchPlan plan)
{
    private readonly List<(IReadOnlyList<Part> ModelTurn, List<SearchAnswer> Answers)> _rounds = [];

    private int Limit => Math.Min(search.MaxRounds, plan.MaxUses ?? int.MaxValue);

    /// <summary>The request for the next round: the translated request plus every finished search round.</summary>
    public UpstreamEnvelope Translate(TranslationContext ctx)
    {
        var envelope = translate(ctx);
        foreach (var (turn, answers) in _rounds)
        {
            envelope = WebSearchRequests.Continue(envelope, turn, answers, ctx);
        }

        return envelope;
    }

    /// <summary>Every round's events, search calls taken out and search results put in; a later round that fails to open throws (the stream's error event).</summary>
    public async IAsyncEnumerable<UpstreamResponseEnvelope> StreamAsync(HttpContext http, OpenedStream first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(first);
        OpenedStream? later = null;
        try
        {
            var current = first;
            while (true)
            {
                var round = new Round();
                await foreach (var envelope in current.Events.WithCancellation(cancellationToken))
                {
                    yield return round.Take(envelope, plan.FunctionName);
                }

                if (!ShouldContinue(round))
                {
                    break;
                }

                await foreach (var result in SearchAsync(http, round))
                {
                    yield return result;
                }

                later?.Dispose();
                later = null;
                var opening = await door.OpenStreamAsync(http, errors.Protocol, route, Translate, session);
                if (opening.Stream is not { } next)
                {
                    var failure = opening.Failure!;
                    throw new UpstreamStreamException(failure.Message ?? $"The upstream failed the request after a web search (status {failure.Status}).") { Status = failure.Status };
                }

                later = current = next;
            }
        }
        finally
        {
            later?.Dispose();
        }
    }

    /// <summary>Every round's reply for a whole (non-streamed) answer, in order; null after an error was written.</summary>
    public async Task<List<GenerateContentResponse?>?> GenerateAsync(HttpContext http, UpstreamAttempt first)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(first);
        var replies = new List<GenerateContentResponse?>();
        UpstreamAttempt? later = null;
        try
        {
            var attempt = first;
            while (true)
            {
                if (await attempt.ReadEnvelopeAsync(http.RequestAborted) is not { } envelope)
                {
                    await FrontDoor.WriteErrorAsync(http, errors.Create(502, "The upstream returned a body that is not a generateContent response."));
                    return null;
                }

                var round = new Round();
                replies.Add(round.Take(envelope, plan.FunctionName).Response);
                if (!ShouldContinue(round))
                {
                    return replies;
                }

                await foreach (var result in SearchAsync(http, round))
                {
                    replies.Add(result.Response);
                }

                later?.Dispose();
                later = null;
                if (await door.GenerateAsync(http, errors, route, Translate, session) is not { } next)
                {
                    return null;
                }

                later = attempt = next;
            }
        }
        finally
        {
            later?.Dispose();
        }
    }

    private bool ShouldContinue(Round round) => round.Searches.Count > 0 && !round.ClientCalls && _rounds.Count <= Limit;

    /// <summary>Runs the round's searches (or answers "limit reached"), yields each search's results as grounding, and records the round.</summary>
    private async IAsyncEnumerable<UpstreamResponseEnvelope> SearchAsync(HttpContext http, Round round)
    {
        var answers = new List<SearchAnswer>();
        foreach (var call in round.Searches)
        {
            var query = WebSearchFunction.Query(call);
            if (_rounds.Count >= Limit)
            {
                answers.Add(new SearchAnswer(call.Name, call.Id, WebSearchRunner.LimitReached));
                continue;
            }

            var outcome = await search.SearchAsync(http, query, session);
            answers.Add(new SearchAnswer(call.Name, call.Id, outcome.ResultText));
            yield return new UpstreamResponseEnvelope
            {
                Response = new GenerateContentResponse
                {
                    Candidates = [new Candidate { Content = new Content { Role = "model", Parts = [] }, GroundingMetadata = WebSearchGrounding.ForSearch(query, outcome.Sources) }],
                },
            };
        }

        _rounds.Add((round.Parts, answers));
    }

    /// <summary>One round's parts as received (for the continuation), its search calls, and whether it called client tools.</summary>
    private sealed class Round
    {
        public List<Part> Parts { get; } = [];

        public List<FunctionCall> Searches { get; } = [];

        public bool ClientCalls { get; private set; }

        /// <summary>The event with the search calls taken out; the rest recorded.</summary>
        public UpstreamResponseEnvelope Take(UpstreamResponseEnvelope envelope, string function)
        {
            var candidate = envelope.Response?.Candidates is { Count: > 0 } candidates ? candidates[0] : null;
            if (candidate?.Content?.Parts is not { Count: > 0 } parts)
            {
                return envelope;
            }

            Parts.AddRange(parts);
            var kept = new List<Part>(parts.Count);
            foreach (var part in parts)
            {
                if (part.FunctionCall is { } call && call.Name == function)
                {
                    Searches.Add(call);
                    continue;
                }

                ClientCalls |= part.FunctionCall is not null;
                kept.Add(part);
            }

            if (kept.Count == parts.Count)
            {
                return envelope;
            }

            var stripped = candidate with { Content = candidate.Content with { Parts = kept } };
            return envelope with { Response = envelope.Response! with { Candidates = [stripped, .. envelope.Response.Candidates!.Skip(1)] } };
        }
    }
}
