using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// The upstream side of the gateway's own web search (<see cref="WebSearchFunction"/>): the search request for one query
/// (upstream-2026 §8.1: requestType web_search, the googleSearch tool, a search model), its answer, and the next round
/// of the conversation that called it.
/// </summary>
internal static class WebSearchRequests
{
    /// <summary>A search-only request for one query, as the upstream's own clients send it.</summary>
    public static UpstreamEnvelope SearchEnvelope(string query, TranslationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return new UpstreamEnvelope
        {
            Project = ctx.Project,
            Model = ctx.Route.UpstreamModel,
            RequestType = UpstreamRequestTypes.WebSearch,
            UserAgent = "antigravity",
            RequestId = ctx.RequestId,
            Request = new UpstreamRequest
            {
                Contents = [new Content { Role = "user", Parts = [new Part { Text = query.Length > 0 ? query : "web search" }] }],
                Tools = [new Tool { GoogleSearch = [] }],
                GenerationConfig = new GenerationConfig { CandidateCount = 1 },
            },
        };
    }

    /// <summary>The grounded answer's text (thoughts left out) and its sources.</summary>
    public static (string Text, IReadOnlyList<GroundingSource> Sources) ReadAnswer(UpstreamResponseEnvelope response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var candidate = response.Response?.Candidates?.FirstOrDefault();
        var text = string.Concat((candidate?.Content?.Parts ?? []).Where(p => p.Thought != true).Select(p => p.Text));
        return (text, WebSearchGrounding.Read(candidate?.GroundingMetadata)?.Sources ?? []);
    }

    /// <summary>What the model reads as the function's result: the answer followed by a numbered list of its sources.</summary>
    public static string ResultText(string answer, IReadOnlyList<GroundingSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var text = new StringBuilder(answer);
        for (var i = 0; i < sources.Count; i++)
        {
            text.Append(i == 0 ? "\n\nSources:" : "").Append('\n').Append(i + 1).Append(". ")
                .Append(sources[i].Title ?? "").Append(" <").Append(sources[i].Url).Append('>');
        }

        return text.ToString();
    }

    /// <summary>
    /// The next round's request: the previous one plus the model turn that called the search (as received, with its
    /// signatures; Gemini takes no thought text back) and a user turn answering each call.
    /// </summary>
    public static UpstreamEnvelope Continue(UpstreamEnvelope previous, IReadOnlyList<Part> modelTurn, IEnumerable<SearchAnswer> answers, TranslationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(ctx);
        var claude = ctx.Route.Family == ModelFamily.Claude;
        var responses = answers.Select(a => new Part
        {
            FunctionResponse = new FunctionResponse
            {
                Name = a.FunctionName,
                Id = claude ? a.CallId : null,
                Response = new JsonObject { ["content"] = a.Result },
            },
        }).ToList();
        var contents = new List<Content>(previous.Request.Contents)
        {
            new() { Role = "model", Parts = claude ? JoinThoughts(modelTurn) : [.. modelTurn.Where(p => p.Thought != true)] },
            new() { Role = "user", Parts = responses },
        };
        return previous with { Request = previous.Request with { Contents = contents } };
    }

    /// <summary>
    /// A model turn as received, with each streamed run of thought parts joined into one part (texts in order, the run's
    /// signature; a trailing empty text part's signature signs the run before it): one thinking block per part, signed
    /// over its whole text, as the upstream checks it.
    /// </summary>
    internal static List<Part> JoinThoughts(IEnumerable<Part> parts)
    {
        var joined = new List<Part>();
        Part? open = null;
        StringBuilder? text = null;
        foreach (var part in parts)
        {
            if (part.Thought == true)
            {
                if (open is null || open.ThoughtSignature is not null)
                {
                    Flush();
                    open = part;
                    text = new StringBuilder(part.Text);
                }
                else
                {
                    text!.Append(part.Text);
                    open = open with { ThoughtSignature = part.ThoughtSignature };
                }
            }
            else if (part is { Text: "", FunctionCall: null } && !string.IsNullOrEmpty(part.ThoughtSignature) && open is { ThoughtSignature: null })
            {
                open = open with { ThoughtSignature = part.ThoughtSignature };
            }
            else
            {
                Flush();
                joined.Add(part);
            }
        }

        Flush();
        return joined;

        void Flush()
        {
            if (open is not null)
            {
                joined.Add(open with { Text = text!.ToString() });
                open = null;
            }
        }
    }
}

/// <summary>The answer to one call of the search function: the call's name and id, and the text the model reads.</summary>
internal sealed record SearchAnswer(string FunctionName, string? CallId, string Result);
