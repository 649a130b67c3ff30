using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchyard.Tests.Protocols.Anthropic;

/// <summary>
/// Semantic JSON comparison for golden files. Ids the gateway generates (<c>toolu_sy…</c>,
/// <c>msg_sy…</c>, 22 base62 chars) are replaced, in order of first appearance, by
/// <c>toolu_GENERATED_1</c>, <c>msg_GENERATED_1</c>…, so expected files name them that way.
/// </summary>
internal static partial class GoldenJson
{
    [GeneratedRegex("(toolu|msg)_sy[0-9A-Za-z]{22}")]
    private static partial Regex GeneratedId();

    public static string Normalise(string text, Dictionary<string, string> seen) =>
        GeneratedId().Replace(text, m =>
        {
            if (!seen.TryGetValue(m.Value, out var replacement))
            {
                var prefix = m.Groups[1].Value;
                var n = seen.Keys.Count(k => k.StartsWith(prefix, StringComparison.Ordinal)) + 1;
                replacement = $"{prefix}_GENERATED_{n}";
                seen[m.Value] = replacement;
            }

            return replacement;
        });

    public static void Equal(string expectedJson, string actualJson, string what)
    {
        var expected = JsonNode.Parse(expectedJson);
        var actual = JsonNode.Parse(Normalise(actualJson, []));
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"{what} differs.\nexpected:\n{expected?.ToJsonString(Indented)}\nactual:\n{actual?.ToJsonString(Indented)}");
        }
    }

    public static void EqualSse(string expectedSse, IReadOnlyList<SseItem<string>> actual, string what)
    {
        var expected = ParseSse(expectedSse);
        var seen = new Dictionary<string, string>();
        var actualNormalised = actual.Select(i => (i.EventType, Data: JsonNode.Parse(Normalise(i.Data, seen)))).ToList();
        var same = expected.Count == actualNormalised.Count
            && expected.Zip(actualNormalised).All(p => p.First.EventType == p.Second.EventType && JsonNode.DeepEquals(p.First.Data, p.Second.Data));
        if (!same)
        {
            Assert.Fail($"{what} differs.\nexpected:\n{Render(expected)}\nactual:\n{Render(actualNormalised)}");
        }
    }

    public static List<(string EventType, JsonNode? Data)> ParseSse(string text)
    {
        var parser = SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        return parser.Enumerate().Select(i => (i.EventType, JsonNode.Parse(i.Data))).ToList();
    }

    /// <summary>The SSE text a client would receive (event + data lines).</summary>
    public static string Render(IEnumerable<(string EventType, JsonNode? Data)> items)
    {
        var sb = new StringBuilder();
        foreach (var (eventType, data) in items)
        {
            sb.Append("event: ").Append(eventType).Append('\n');
            sb.Append("data: ").Append(data?.ToJsonString(Compact)).Append("\n\n");
        }

        return sb.ToString();
    }

    public static string Pretty(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";

    private static readonly System.Text.Json.JsonSerializerOptions Compact = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
