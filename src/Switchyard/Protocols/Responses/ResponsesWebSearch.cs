using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Responses;

/// <summary>
/// The gateway's side of web search next to function tools (the upstream refuses googleSearch with function
/// declarations). The model sees a <c>web_search</c> function; when it calls it, the response shows a
/// <c>web_search_call</c> item and <see cref="ResponsesStream.PendingSearches"/> holds the query. The endpoint then
/// asks the upstream for a grounded answer (<see cref="SearchEnvelope"/>, upstream-2026 §8.1: requestType web_search,
/// the googleSearch tool, a search model), reads it (<see cref="ReadAnswer"/>), and continues the same response with
/// <see cref="Continue"/> after <see cref="ResponsesStream.BeginRound"/>.
/// </summary>
internal static class ResponsesWebSearch
{
    /// <summary>A search-only request for one query, as the upstream's own clients send it.</summary>
    public static UpstreamEnvelope SearchEnvelope(string query, string searchModel, string project) => new()
    {
        Project = project,
        Model = searchModel,
        RequestType = "web_search",
        UserAgent = "antigravity",
        Request = new UpstreamRequest
        {
            Contents = [new Content { Role = "user", Parts = [new Part { Text = query }] }],
            Tools = [new Tool { GoogleSearch = [] }],
            GenerationConfig = new GenerationConfig { CandidateCount = 1 },
        },
    };

    /// <summary>The grounded answer: its text followed by a numbered list of its sources (title and URL).</summary>
    public static string ReadAnswer(UpstreamResponseEnvelope response)
    {
        var candidate = response.Response?.Candidates?.FirstOrDefault();
        var answer = new StringBuilder(string.Concat((candidate?.Content?.Parts ?? []).Where(p => p.Thought != true).Select(p => p.Text)));
        var chunks = candidate?.GroundingMetadata?["groundingChunks"] as JsonArray ?? [];
        var n = 0;
        foreach (var web in chunks.Select(c => c?["web"]).OfType<JsonObject>())
        {
            answer.Append(n == 0 ? "\n\nSources:" : "").Append('\n').Append(++n).Append(". ")
                .Append((string?)web["title"] ?? "").Append(" <").Append((string?)web["uri"] ?? "").Append('>');
        }

        return answer.ToString();
    }

    /// <summary>
    /// The next round's request: the previous one plus the model turn that called the search (as received, with its
    /// signatures) and a user turn answering each call.
    /// </summary>
    public static UpstreamEnvelope Continue(
        UpstreamEnvelope previous, IReadOnlyList<Part> modelTurn, IEnumerable<(PendingSearch Search, string Answer)> answers, TranslationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var claude = ctx.Route.Family == ModelFamily.Claude;
        var responses = answers.Select(a => new Part
        {
            FunctionResponse = new FunctionResponse
            {
                Name = a.Search.Call.FunctionCall!.Name,
                Id = claude ? a.Search.CallId : null,
                Response = new JsonObject { ["content"] = a.Answer },
            },
        }).ToList();
        var contents = new List<Content>(previous.Request.Contents)
        {
            // Gemini takes no thought text back (its signatures ride on the call); Claude needs its signed thinking.
            new() { Role = "model", Parts = [.. modelTurn.Where(p => claude || p.Thought != true)] },
            new() { Role = "user", Parts = responses },
        };
        return previous with { Request = previous.Request with { Contents = contents } };
    }
}
