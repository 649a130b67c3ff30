using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// Deterministic search grounding (upstream-protocol §4 "Extras"): a request with the <c>googleSearch</c> tool gets
/// an answer whose candidate carries <c>groundingMetadata</c> with <c>webSearchQueries</c>, a
/// <c>searchEntryPoint.renderedContent</c>, two <c>groundingChunks[{web:{uri, title}}]</c> and one
/// <c>groundingSupports</c> entry per sentence of the answer text. Segment offsets are UTF-8 byte offsets into the
/// candidate's whole (non-thought) text, as Google's API counts them. In a stream the metadata rides on the last
/// event, with the finish reason. Each chunk adds 64 tokens of <c>toolUsePromptTokenCount</c>.
/// </summary>
internal static partial class SearchGrounding
{
    public const int ToolTokensPerChunk = 64;
    private const int MaxQueryChars = 80;
    private const string RedirectBase = "https://vertexaisearch.cloud.google.com/grounding-api-redirect/";

    private static readonly string[] Sites = ["example.com", "example.org", "docs.example.net", "wiki.example.edu"];

    [GeneratedRegex(@"\[\[emu:.*?\]\]", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    /// <summary>The search query the emulated model issues for a user text: the text without directives, whitespace folded, at most 80 chars.</summary>
    public static string Query(string? userText)
    {
        var text = Spaces().Replace(Directive().Replace(userText ?? "", " "), " ").Trim();
        text = text.Length <= MaxQueryChars ? text : text[..MaxQueryChars].TrimEnd();
        return text.Length > 0 ? text : "emulator";
    }

    /// <summary>The answer the emulated model gives with search and no other instruction: three sentences, each grounded.</summary>
    public static string AnswerText(string? userText)
    {
        var query = Query(userText);
        var (first, second) = Titles(query);
        return $"Emulated search answer for \"{query}\". According to {first}, it is well documented. {second} adds further detail.";
    }

    /// <summary>The metadata for an answer: queries, entry point, chunks and one support per sentence of <paramref name="text"/>.</summary>
    public static JsonObject Metadata(string? userText, string text)
    {
        var query = Query(userText);
        var (first, second) = Titles(query);
        var chunks = new JsonArray(Chunk(query, 0, first), Chunk(query, 1, second));
        var supports = new JsonArray();
        var index = 0;
        foreach (var (start, end, sentence) in Sentences(text))
        {
            // The first sentence cites both sources; later ones cite them in turn (the answer's second sentence
            // names the first source, the third the second).
            var cited = index == 0 ? new[] { 0, 1 } : [(index - 1) % 2];
            supports.Add((JsonNode)new JsonObject
            {
                ["segment"] = new JsonObject { ["startIndex"] = start, ["endIndex"] = end, ["text"] = sentence },
                ["groundingChunkIndices"] = new JsonArray(cited.Select(c => (JsonNode)c).ToArray()),
                ["confidenceScores"] = new JsonArray(cited.Select(c => (JsonNode)(c == 0 ? 0.9 : 0.8)).ToArray()),
            });
            index++;
        }

        return new JsonObject
        {
            ["webSearchQueries"] = new JsonArray(query),
            ["searchEntryPoint"] = new JsonObject
            {
                ["renderedContent"] = $"<div class=\"container\"><a class=\"chip\" href=\"https://www.google.com/search?q={Uri.EscapeDataString(query)}\">{System.Net.WebUtility.HtmlEncode(query)}</a></div>",
            },
            ["groundingChunks"] = chunks,
            ["groundingSupports"] = supports,
        };
    }

    /// <summary>
    /// The grounding of a built turn when the request declares <c>googleSearch</c> and the turn has text: the metadata
    /// (null otherwise). Adds the search's <c>toolUsePromptTokenCount</c> to the turn's usage.
    /// </summary>
    public static JsonObject? ForTurn(Turn turn, JsonObject request, string? userText)
    {
        if (!ToolRules.HasSearch(request))
        {
            return null;
        }

        var text = string.Concat(turn.Parts.Where(p => p["thought"] is null && p["functionCall"] is null).Select(p => (string?)p["text"] ?? ""));
        if (text.Length == 0)
        {
            return null;
        }

        var metadata = Metadata(userText, text);
        var toolTokens = ToolTokensPerChunk * ((JsonArray)metadata["groundingChunks"]!).Count;
        turn.Usage["toolUsePromptTokenCount"] = toolTokens;
        turn.Usage["totalTokenCount"] = (turn.Usage["totalTokenCount"]?.GetValue<int>() ?? 0) + toolTokens;
        return metadata;
    }

    /// <summary>Puts the metadata on the candidate of a <c>{response:{candidates:[…]}}</c> envelope.</summary>
    public static void Attach(JsonObject envelope, JsonObject? metadata)
    {
        if (metadata is not null && envelope["response"]?["candidates"] is JsonArray { Count: > 0 } candidates && candidates[0] is JsonObject candidate)
        {
            candidate["groundingMetadata"] = metadata;
        }
    }

    /// <summary>
    /// Sentences of the text (ending in . ! or ? before a space or the end), trimmed, with UTF-8 byte offsets
    /// [start, end) into the text.
    /// </summary>
    internal static IEnumerable<(int Start, int End, string Text)> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var boundary = i == text.Length || (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (!boundary)
            {
                continue;
            }

            var end = Math.Min(text.Length, i + 1);
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            if (end > start)
            {
                var sentence = text[start..end];
                var byteStart = Encoding.UTF8.GetByteCount(text.AsSpan(0, start));
                yield return (byteStart, byteStart + Encoding.UTF8.GetByteCount(sentence), sentence);
            }

            start = end;
        }
    }

    private static JsonObject Chunk(string query, int index, string title) => new()
    {
        ["web"] = new JsonObject
        {
            ["uri"] = RedirectBase + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{index}:{query}")))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_')[..32],
            ["title"] = title,
        },
    };

    private static (string First, string Second) Titles(string query)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(query));
        var first = hash[0] % Sites.Length;
        return (Sites[first], Sites[(first + 1 + (hash[1] % (Sites.Length - 1))) % Sites.Length]);
    }
}
