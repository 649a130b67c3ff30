using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Protocols.Responses;

internal sealed partial class ResponsesStream
{
    /// <summary>
    /// The upstream's <c>groundingSupports</c> as <c>url_citation</c> annotations on the open message, one per cited chunk,
    /// each announced by <c>response.output_text.annotation.added</c>. A support's span is found by its segment text
    /// (searching forward from the previous span), else taken from its UTF-8 byte offsets; indices are code points.
    /// </summary>
    private void Cite(JsonNode grounding, List<ResponseStreamEvent> events)
    {
        var message = _message!;
        var text = message.Text.ToString();
        var chunks = grounding["groundingChunks"] as JsonArray ?? [];
        var cursor = 0;
        foreach (var support in grounding["groundingSupports"] as JsonArray ?? [])
        {
            if (support?["segment"] is not JsonObject segment || Span(text, segment, ref cursor) is not var (start, end))
            {
                continue;
            }

            foreach (var index in support["groundingChunkIndices"] as JsonArray ?? [])
            {
                if (index is not JsonValue v || !v.TryGetValue<int>(out var i) || i < 0 || i >= chunks.Count
                    || chunks[i]?["web"] is not JsonObject web || (string?)web["uri"] is not { } uri)
                {
                    continue;
                }

                var annotation = new ResponseAnnotation { StartIndex = start, EndIndex = end, Url = uri, Title = (string?)web["title"] };
                events.Add(Event("response.output_text.annotation.added") with
                {
                    ItemId = message.Id, OutputIndex = message.Index, ContentIndex = 0, AnnotationIndex = message.Annotations.Count, Annotation = annotation,
                });
                message.Annotations.Add(annotation);
            }
        }
    }

    /// <summary>The code point span [start, end) of a segment in the text, or null when it cannot be placed.</summary>
    private static (int Start, int End)? Span(string text, JsonObject segment, ref int cursor)
    {
        int charStart, charEnd;
        var quoted = (string?)segment["text"];
        var found = -1;
        if (!string.IsNullOrEmpty(quoted))
        {
            found = text.IndexOf(quoted, cursor, StringComparison.Ordinal);
            found = found >= 0 ? found : text.IndexOf(quoted, StringComparison.Ordinal);
        }

        if (found >= 0)
        {
            charStart = found;
            charEnd = found + quoted!.Length;
        }
        else
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var startByte = Math.Clamp(segment["startIndex"] is JsonValue s && s.TryGetValue<int>(out var si) ? si : 0, 0, bytes.Length);
            var endByte = Math.Clamp(segment["endIndex"] is JsonValue e && e.TryGetValue<int>(out var ei) ? ei : 0, startByte, bytes.Length);
            if (endByte <= startByte)
            {
                return null;
            }

            charStart = Encoding.UTF8.GetCharCount(bytes, 0, startByte);
            charEnd = Encoding.UTF8.GetCharCount(bytes, 0, endByte);
        }

        cursor = charEnd;
        return (CodePoints(text, charStart), CodePoints(text, charEnd));
    }

    private static int CodePoints(string text, int chars)
    {
        var count = 0;
        for (var i = 0; i < chars; i++)
        {
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A web_search_call's action from the grounding: the first query (all of them when several), and the sources when asked for.</summary>
    private JsonObject SearchAction(JsonNode grounding)
    {
        var queries = (grounding["webSearchQueries"] as JsonArray ?? []).Select(q => (string?)q).OfType<string>().ToList();
        var action = new JsonObject { ["type"] = "search", ["query"] = queries.FirstOrDefault() ?? "" };
        if (queries.Count > 1)
        {
            action["queries"] = new JsonArray(queries.Select(q => (JsonNode)q).ToArray());
        }

        if (_request.Include?.Contains("web_search_call.action.sources", StringComparer.Ordinal) == true)
        {
            action["sources"] = new JsonArray((grounding["groundingChunks"] as JsonArray ?? [])
                .Select(c => (string?)c?["web"]?["uri"])
                .OfType<string>()
                .Select(uri => (JsonNode)new JsonObject { ["type"] = "url", ["url"] = uri })
                .ToArray());
        }

        return action;
    }
}
