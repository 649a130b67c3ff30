using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols;

/// <summary>
/// Golden-file cases: one folder per case under <c>Protocols/&lt;Vendor&gt;/Golden</c> (copied to the output) with
/// <c>case.json</c> (route, session, remembered thinking), <c>client-request.json</c>, <c>upstream-request.json</c>,
/// <c>upstream.sse</c>, <c>client-response.json</c> and <c>client.sse</c>. JSON is compared semantically after
/// replacing generated ids (<c>chatcmpl-</c>/<c>call_</c> + 24 hex) by their order of appearance. Set
/// <c>SWITCHYARD_UPDATE_GOLDEN=1</c> to rewrite the expected files in the source tree (then review the diff).
/// </summary>
internal static partial class GoldenFiles
{
    /// <summary>Every translation case of a vendor (all but <c>errors</c>), each run streaming and not.</summary>
    public static TheoryData<string, bool> TranslationCases(string vendor)
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in Cases(vendor).Where(c => c != "errors"))
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    public static bool Update => Environment.GetEnvironmentVariable("SWITCHYARD_UPDATE_GOLDEN") == "1";

    public static string Root(string vendor) => Path.Combine(AppContext.BaseDirectory, "Protocols", vendor, "Golden");

    public static IEnumerable<string> Cases(string vendor, string? under = null) =>
        Directory.GetDirectories(under is null ? Root(vendor) : Path.Combine(Root(vendor), under))
            .Where(d => File.Exists(Path.Combine(d, "case.json")) || File.Exists(Path.Combine(d, "upstream-error.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static string SourceRoot(string vendor, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, vendor, "Golden");

    public static TranslationContext Context(JsonObject caseJson, ThinkingMemory? memory = null)
    {
        var r = caseJson["route"]!.AsObject();
        var route = new ModelRoute(
            (string)r["requestedModel"]!,
            (string)r["upstreamModel"]!,
            Enum.Parse<ModelFamily>((string)r["family"]!),
            (string)r["group"]!,
            (bool)r["thinking"]!,
            Gemini3: (bool?)r["gemini3"] ?? false,
            ImageGeneration: (bool?)r["imageGeneration"] ?? false,
            MaxOutputTokens: (int?)r["maxOutputTokens"] ?? 64_000,
            ThinkingLevel: (string?)r["thinkingLevel"]);
        memory ??= new ThinkingMemory();
        foreach (var entry in caseJson["thinking"]?.AsArray() ?? [])
        {
            memory.Remember(
                (string)entry!["key"]!,
                new SignedThinking((string)entry["text"]!, (string)entry["signature"]!, Enum.Parse<ModelFamily>((string)entry["family"]!)));
        }

        return new TranslationContext(route, "proj-test", "req-test", memory, SessionId: (string?)caseJson["sessionId"]);
    }

    public static JsonObject ReadObject(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <summary>Upstream SSE text → envelopes, read with the upstream's own JSON context.</summary>
    public static List<UpstreamResponseEnvelope> ReadUpstreamSse(string path)
    {
        using var stream = File.OpenRead(path);
        return SseParser.Create(stream).Enumerate()
            .Select(item => JsonSerializer.Deserialize(item.Data, UpstreamJsonContext.Default.UpstreamResponseEnvelope)!)
            .ToList();
    }

    /// <summary>The stream's events as one non-streamed reply: parts concatenated (adjacent plain text merged), last finish reason and usage.</summary>
    public static UpstreamResponseEnvelope Aggregate(List<UpstreamResponseEnvelope> events)
    {
        var parts = new List<Part>();
        foreach (var part in events.SelectMany(e => e.Response?.Candidates?.FirstOrDefault()?.Content?.Parts ?? []))
        {
            if (parts.Count > 0 && parts[^1] is { Text: { } previous, FunctionCall: null, ThoughtSignature: null } last
                && part is { Text: { } next, FunctionCall: null, InlineData: null } && last.Thought == part.Thought)
            {
                parts[^1] = last with { Text = previous + next, ThoughtSignature = part.ThoughtSignature };
            }
            else
            {
                parts.Add(part);
            }
        }

        var responses = events.Select(e => e.Response).OfType<GenerateContentResponse>().ToList();
        var candidates = responses.SelectMany(r => r.Candidates ?? []).ToList();
        return new UpstreamResponseEnvelope
        {
            TraceId = events.Select(e => e.TraceId).FirstOrDefault(t => t is not null),
            Response = new GenerateContentResponse
            {
                Candidates =
                [
                    new Candidate
                    {
                        Content = new Content { Role = "model", Parts = parts },
                        FinishReason = candidates.Select(c => c.FinishReason).LastOrDefault(f => f is not null),
                        GroundingMetadata = candidates.Select(c => c.GroundingMetadata).LastOrDefault(g => g is not null),
                        Index = 0,
                    },
                ],
                UsageMetadata = responses.Select(r => r.UsageMetadata).LastOrDefault(u => u is not null),
                ModelVersion = responses.Select(r => r.ModelVersion).FirstOrDefault(m => m is not null),
                ResponseId = responses.Select(r => r.ResponseId).FirstOrDefault(m => m is not null),
            },
        };
    }

    public static async IAsyncEnumerable<T> AsAsync<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    /// <summary>Compares JSON semantically (generated ids normalised); rewrites the expected file in update mode.</summary>
    public static void AssertJson(string vendor, string caseDir, string file, JsonNode? actual)
    {
        var path = Path.Combine(caseDir, file);
        if (Update)
        {
            WriteSource(vendor, caseDir, file, Pretty(actual) + "\n");
            return;
        }

        var expected = JsonNode.Parse(File.ReadAllText(path));
        var e = Normalise(expected, new Dictionary<string, string>());
        var a = Normalise(actual, new Dictionary<string, string>());
        Assert.True(JsonNode.DeepEquals(e, a), $"{file} in {Path.GetFileName(caseDir)} differs.\nexpected:\n{Pretty(e)}\nactual:\n{Pretty(a)}");
    }

    /// <summary>Compares SSE data events: JSON semantically (ids normalised across the stream), other data literally.</summary>
    public static void AssertSse(string vendor, string caseDir, string file, List<SseItem<string>> actual)
    {
        var path = Path.Combine(caseDir, file);
        if (Update)
        {
            var text = new StringBuilder();
            foreach (var item in actual)
            {
                text.Append("data: ").Append(item.Data).Append("\n\n");
            }

            WriteSource(vendor, caseDir, file, text.ToString());
            return;
        }

        using var stream = File.OpenRead(path);
        var expected = SseParser.Create(stream).Enumerate().Select(i => i.Data).ToList();
        var expectedIds = new Dictionary<string, string>();
        var actualIds = new Dictionary<string, string>();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(SseParser.EventTypeDefault, actual[i].EventType); // data-only events, no custom event name
            if (!expected[i].StartsWith('{'))
            {
                Assert.Equal(expected[i], actual[i].Data);
                continue;
            }

            var e = Normalise(JsonNode.Parse(expected[i]), expectedIds);
            var a = Normalise(JsonNode.Parse(actual[i].Data), actualIds);
            Assert.True(JsonNode.DeepEquals(e, a), $"event {i} of {file} in {Path.GetFileName(caseDir)} differs.\nexpected: {e?.ToJsonString()}\nactual:   {a?.ToJsonString()}");
        }
    }

    private static void WriteSource(string vendor, string caseDir, string file, string text)
    {
        var target = Path.Combine(SourceRoot(vendor), Path.GetRelativePath(Root(vendor), caseDir), file);
        File.WriteAllText(target, text);
    }

    private static string Pretty(JsonNode? node) =>
        node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";

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
            case JsonValue value when value.TryGetValue<string>(out var s) && GeneratedId().IsMatch(s):
                if (!ids.TryGetValue(s, out var placeholder))
                {
                    ids[s] = placeholder = $"<generated {ids.Count + 1}>";
                }

                return placeholder;
            default:
                return node?.DeepClone();
        }
    }

    [GeneratedRegex("^(chatcmpl-|call_)[0-9a-f]{24}$")]
    private static partial Regex GeneratedId();
}
