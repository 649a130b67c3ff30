using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Protocols.Responses;

namespace Switchyard.Tests.Protocols.Responses;

/// <summary>
/// Golden-file helpers for the Responses door. Generated ids (<c>resp_</c>, <c>msg_</c>, <c>rs_</c>, <c>fc_</c>,
/// <c>ctc_</c>, <c>ws_</c>, <c>ig_</c>, <c>call_</c> + 24 hex) and sealed reasoning (<c>sy1.…</c>) are replaced by
/// their order of appearance before comparing. A later turn's client request may quote an earlier turn's reply as
/// <c>{{turn-1.output[0].encrypted_content}}</c>, so a round trip uses exactly what the gateway sent. Set
/// <c>SWITCHYARD_UPDATE_GOLDEN=1</c> to rewrite the expected files in the source tree (then review the diff).
/// </summary>
internal static partial class ResponsesGolden
{
    public const string Vendor = "Responses";

    /// <summary>A fixed test key, so sealed reasoning is the same in every run.</summary>
    public static ReasoningSealer Sealer { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static ResponsesOptions Options { get; } = new(Sealer);

    public static bool Update => Environment.GetEnvironmentVariable("SWITCHYARD_UPDATE_GOLDEN") == "1";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Protocols", Vendor, "Golden");

    public static TheoryData<string, bool> TranslationCases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var dir in Directory.GetDirectories(Root).Where(d => File.Exists(Path.Combine(d, "case.json"))).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir), false);
            data.Add(Path.GetFileName(dir), true);
        }

        return data;
    }

    /// <summary>Replaces <c>{{turn-N.path}}</c> by the string at that path of turn N's reply (JSON-escaped).</summary>
    public static string Resolve(string requestText, IReadOnlyDictionary<string, JsonNode> replies) =>
        Placeholder().Replace(requestText, match =>
        {
            var reply = replies[match.Groups[1].Value];
            var value = Navigate(reply, match.Groups[2].Value) ?? throw new InvalidOperationException($"{match.Value} is not a string in the reply.");
            var encoded = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
            return encoded;
        });

    private static string? Navigate(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (Match step in PathStep().Matches(path))
        {
            current = step.Groups[1].Success ? current?[step.Groups[1].Value] : current?[int.Parse(step.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return current is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    public static void AssertJson(string dir, string file, JsonNode? actual)
    {
        var path = Path.Combine(dir, file);
        if (Update)
        {
            WriteSource(path, Pretty(Normalise(actual, [])) + "\n");
            return;
        }

        var expected = Normalise(JsonNode.Parse(File.ReadAllText(path)), []);
        var a = Normalise(actual, []);
        Assert.True(JsonNode.DeepEquals(expected, a), $"{Relative(path)} differs.\nexpected:\n{Pretty(expected)}\nactual:\n{Pretty(a)}");
    }

    /// <summary>Compares events: the <c>event:</c> name and the JSON data (ids normalised across the stream).</summary>
    public static void AssertSse(string dir, string file, List<SseItem<string>> actual)
    {
        var path = Path.Combine(dir, file);
        var actualIds = new Dictionary<string, string>();
        if (Update)
        {
            var text = new StringBuilder();
            foreach (var item in actual)
            {
                text.Append("event: ").Append(item.EventType).Append('\n')
                    .Append("data: ").Append(Normalise(JsonNode.Parse(item.Data), actualIds)!.ToJsonString(Compact)).Append("\n\n");
            }

            WriteSource(path, text.ToString());
            return;
        }

        using var stream = File.OpenRead(path);
        var expected = SseParser.Create(stream).Enumerate().ToList();
        var expectedIds = new Dictionary<string, string>();
        Assert.True(expected.Count == actual.Count, $"{Relative(path)}: expected {expected.Count} events, got {actual.Count}:\n{string.Join("\n", actual.Select(a => a.EventType))}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].EventType, actual[i].EventType);
            var e = Normalise(JsonNode.Parse(expected[i].Data), expectedIds);
            var a = Normalise(JsonNode.Parse(actual[i].Data), actualIds);
            Assert.True(JsonNode.DeepEquals(e, a), $"event {i} ({actual[i].EventType}) of {Relative(path)} differs.\nexpected: {e?.ToJsonString(Compact)}\nactual:   {a?.ToJsonString(Compact)}");
        }
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static void WriteSource(string outputPath, string text, [CallerFilePath] string thisFile = "")
    {
        var target = Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", Path.GetRelativePath(Root, outputPath));
        File.WriteAllText(target, text);
    }

    private static string Pretty(JsonNode? node) =>
        node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";

    private static JsonNode? Normalise(JsonNode? node, Dictionary<string, string> ids)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = Normalise(value, ids);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => Normalise(item, ids)).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var s) && (GeneratedId().IsMatch(s) || s.StartsWith(ReasoningSealer.Prefix, StringComparison.Ordinal)):
                if (!ids.TryGetValue(s, out var placeholder))
                {
                    var kind = s.StartsWith(ReasoningSealer.Prefix, StringComparison.Ordinal) ? "sealed" : s[..s.IndexOf('_', StringComparison.Ordinal)];
                    ids[s] = placeholder = $"<{kind} {ids.Count + 1}>";
                }

                return placeholder;
            case JsonValue value when value.TryGetValue<string>(out var p) && p.StartsWith('<') && p.EndsWith('>') && PlaceholderText().IsMatch(p):
                // An expected file holds placeholders already; renumber them the same way.
                if (!ids.TryGetValue(p, out var again))
                {
                    ids[p] = again = $"<{PlaceholderText().Match(p).Groups[1].Value} {ids.Count + 1}>";
                }

                return again;
            default:
                return node?.DeepClone();
        }
    }

    [GeneratedRegex("^(resp|msg|rs|fc|ctc|ws|ig|call)_[0-9a-f]{24}$")]
    private static partial Regex GeneratedId();

    [GeneratedRegex("^<(resp|msg|rs|fc|ctc|ws|ig|call|sealed) [0-9]+>$")]
    private static partial Regex PlaceholderText();

    [GeneratedRegex(@"\{\{(turn-[0-9]+)\.([^}]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:^|\.)([A-Za-z_]+)|\[([0-9]+)\]")]
    private static partial Regex PathStep();
}
