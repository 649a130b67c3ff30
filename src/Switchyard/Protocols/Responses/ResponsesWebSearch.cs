using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// The Responses side of the gateway's web search next to function tools (<see cref="WebSearchFunction"/>): a call of the
/// function shows as a <c>web_search_call</c> item and lands in <see cref="ResponsesStream.PendingSearches"/>. The door
/// runs each search (<see cref="WebSearchRequests.SearchEnvelope"/>), then continues the same response with
/// <see cref="Continue"/> after <see cref="ResponsesStream.BeginRound"/>.
/// </summary>
internal static class ResponsesWebSearch
{
    /// <summary>The next round's request: the previous one, the model turn that called the searches, and their answers.</summary>
    public static UpstreamEnvelope Continue(
        UpstreamEnvelope previous, IReadOnlyList<Part> modelTurn, IEnumerable<(PendingSearch Search, string Answer)> answers, TranslationContext ctx) =>
        WebSearchRequests.Continue(previous, modelTurn, answers.Select(a => new SearchAnswer(a.Search.Call.FunctionCall!.Name, a.Search.CallId, a.Answer)), ctx);
}
