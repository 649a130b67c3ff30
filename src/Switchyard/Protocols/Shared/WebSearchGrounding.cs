using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Protocols.Shared;

/// <summary>One source of a grounded answer: the page's URL and title.</summary>
internal sealed record GroundingSource(string Url, string? Title);

/// <summary>
/// One grounded span of the answer: the cited text (the segment's own text, else the UTF-8 byte span of the answer) and
/// the indices of its sources in <see cref="WebSearchGrounding.Sources"/>.
/// </summary>
internal sealed record GroundingCitation(string? Text, int StartByte, int EndByte, IReadOnlyList<int> Sources);

/// <summary>
/// The upstream's <c>groundingMetadata</c> read once for every door: the queries it ran, its sources
/// (<c>groundingChunks[].web</c>) and the spans they support (<c>groundingSupports</c>, UTF-8 byte offsets into the
/// candidate's whole text). The gateway's own split search (<see cref="WebSearchFunction"/>) reports its results in
/// the same shape with no supports (<see cref="ForSearch"/>), so each door renders both alike.
/// </summary>
internal sealed record WebSearchGrounding(IReadOnlyList<string> Queries, IReadOnlyList<GroundingSource> Sources, IReadOnlyList<GroundingCitation> Citations)
{
    /// <summary>The grounding, or null when it names neither a query nor a source.</summary>
    public static WebSearchGrounding? Read(JsonNode? metadata)
    {
        if (metadata is not JsonObject m)
        {
            return null;
        }

        var queries = (m["webSearchQueries"] as JsonArray ?? []).Select(q => q is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();
        var sources = new List<GroundingSource>();
        var indexMap = new Dictionary<int, int>();
        var chunks = m["groundingChunks"] as JsonArray ?? [];
        for (var i = 0; i < chunks.Count; i++)
        {
            if (chunks[i]?["web"] is JsonObject web && web["uri"] is JsonValue u && u.TryGetValue<string>(out var uri))
            {
                indexMap[i] = sources.Count;
                sources.Add(new GroundingSource(uri, web["title"] is JsonValue t && t.TryGetValue<string>(out var title) ? title : null));
            }
        }

        var citations = new List<GroundingCitation>();
        foreach (var support in m["groundingSupports"] as JsonArray ?? [])
        {
            if (support?["segment"] is not JsonObject segment)
            {
                continue;
            }

            var cited = (support["groundingChunkIndices"] as JsonArray ?? [])
                .Select(n => n is JsonValue v && v.TryGetValue<int>(out var i) && indexMap.TryGetValue(i, out var mapped) ? mapped : -1)
                .Where(i => i >= 0)
                .Distinct()
                .ToList();
            if (cited.Count == 0)
            {
                continue;
            }

            citations.Add(new GroundingCitation(
                segment["text"] is JsonValue st && st.TryGetValue<string>(out var text) ? text : null,
                Int(segment["startIndex"]),
                Int(segment["endIndex"]),
                cited));
        }

        return queries.Count == 0 && sources.Count == 0 ? null : new WebSearchGrounding(queries, sources, citations);
    }

    /// <summary>The metadata of one search the gateway ran itself: its query and sources, no supports.</summary>
    public static JsonObject ForSearch(string query, IEnumerable<GroundingSource> sources) => new()
    {
        ["webSearchQueries"] = new JsonArray(query),
        ["groundingChunks"] = new JsonArray(sources
            .Select(s => (JsonNode)new JsonObject { ["web"] = new JsonObject { ["uri"] = s.Url, ["title"] = s.Title } })
            .ToArray()),
    };

    /// <summary>The text a citation covers in <paramref name="answer"/>: the segment's text, else its byte span; null when neither fits.</summary>
    public static string? CitedText(GroundingCitation citation, string answer)
    {
        ArgumentNullException.ThrowIfNull(citation);
        ArgumentNullException.ThrowIfNull(answer);
        if (!string.IsNullOrEmpty(citation.Text))
        {
            return citation.Text;
        }

        var bytes = Encoding.UTF8.GetBytes(answer);
        var start = Math.Clamp(citation.StartByte, 0, bytes.Length);
        var end = Math.Clamp(citation.EndByte, start, bytes.Length);
        return end > start ? Encoding.UTF8.GetString(bytes, start, end - start) : null;
    }

    /// <summary>The character span [start, end) of a citation in <paramref name="answer"/>, searching forward from <paramref name="cursor"/>; null when it cannot be placed.</summary>
    public static (int Start, int End)? Span(GroundingCitation citation, string answer, ref int cursor)
    {
        ArgumentNullException.ThrowIfNull(citation);
        ArgumentNullException.ThrowIfNull(answer);
        if (!string.IsNullOrEmpty(citation.Text))
        {
            var found = answer.IndexOf(citation.Text, Math.Min(cursor, answer.Length), StringComparison.Ordinal);
            found = found >= 0 ? found : answer.IndexOf(citation.Text, StringComparison.Ordinal);
            if (found >= 0)
            {
                cursor = found + citation.Text.Length;
                return (found, cursor);
            }
        }

        var bytes = Encoding.UTF8.GetBytes(answer);
        var startByte = Math.Clamp(citation.StartByte, 0, bytes.Length);
        var endByte = Math.Clamp(citation.EndByte, startByte, bytes.Length);
        if (endByte <= startByte)
        {
            return null;
        }

        var start = Encoding.UTF8.GetCharCount(bytes, 0, startByte);
        cursor = Encoding.UTF8.GetCharCount(bytes, 0, endByte);
        return (start, cursor);
    }

    private static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
}
