using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Switchyard.Models;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols.Anthropic;

/// <summary>
/// Golden-file cases under <c>Golden/</c>. A case is a folder holding <c>case.json</c> (the model route and
/// context) and either the files of one turn or numbered <c>turn-N</c> folders run in order against one
/// ThinkingMemory. A turn has:
/// <list type="bullet">
/// <item><c>client-request.json</c>: what the Anthropic client sends.</item>
/// <item><c>upstream-request.json</c>: the expected v1internal envelope.</item>
/// <item><c>upstream.sse</c>: the recorded upstream stream (<c>data:</c> lines). The non-streaming path gets
/// the same events merged into one response.</item>
/// <item><c>client-response.json</c> (non-streaming) and <c>client.sse</c> (streaming): the expected client output.</item>
/// <item>Error turns: <c>upstream-error.json</c> <c>{status, body}</c> instead of upstream.sse;
/// <c>client-error.json</c> <c>{status, body}</c> for the non-streaming path; <c>client.sse</c> holds the
/// stream error event.</item>
/// </list>
/// To add a case: write case.json, client-request.json and upstream.sse, run the tests once with
/// <c>SWITCHYARD_UPDATE_GOLDEN=1</c> (writes the expected files into the source tree and fails), review
/// them line by line, then run again without it.
/// </summary>
public sealed class AnthropicGoldenTests
{
    private static readonly string GoldenRoot = Path.Combine(AppContext.BaseDirectory, "Protocols", "Anthropic", "Golden");
    private static readonly bool Update = Environment.GetEnvironmentVariable("SWITCHYARD_UPDATE_GOLDEN") == "1";
    private static readonly JsonSerializerOptions CaseOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var dir in Directory.GetDirectories(GoldenRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir), false);
            data.Add(Path.GetFileName(dir), true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Translate_GoldenCase_MatchesExpectedFiles(string caseName, bool streaming)
    {
        var caseDir = Path.Combine(GoldenRoot, caseName);
        var settings = JsonSerializer.Deserialize<CaseSettings>(await File.ReadAllTextAsync(Path.Combine(caseDir, "case.json"), TestContext.Current.CancellationToken), CaseOptions)!;
        var memory = new ThinkingMemory();
        foreach (var seed in settings.Memory ?? [])
        {
            memory.Remember(seed.Key, new SignedThinking(seed.Text, seed.Signature, seed.Family));
        }

        var turns = Directory.GetDirectories(caseDir, "turn-*").Order(StringComparer.Ordinal).ToList();
        if (turns.Count == 0)
        {
            turns.Add(caseDir);
        }

        var written = new List<string>();
        foreach (var turn in turns)
        {
            var ctx = new TranslationContext(settings.Route, settings.Project, settings.RequestId, memory, settings.KeepThinking, settings.SessionId);
            await RunTurnAsync(turn, ctx, streaming, written);
        }

        Assert.True(written.Count == 0, "Golden files written (review them, then rerun without SWITCHYARD_UPDATE_GOLDEN): " + string.Join(", ", written));
    }

    private static async Task RunTurnAsync(string dir, TranslationContext ctx, bool streaming, List<string> written)
    {
        var ct = TestContext.Current.CancellationToken;
        var name = Path.GetRelativePath(GoldenRoot, dir);
        var body = await File.ReadAllBytesAsync(Path.Combine(dir, "client-request.json"), ct);
        Assert.True(AnthropicTranslator.TryRead(body, out var request, out var error), $"{name}: client request rejected: {error}");

        var envelope = AnthropicTranslator.ToUpstream(request, ctx);
        var upstreamJson = JsonSerializer.Serialize(envelope, UpstreamJsonContext.Default.UpstreamEnvelope);
        await CheckAsync(dir, "upstream-request.json", upstreamJson, written, (e, a) => GoldenJson.Equal(e, a, $"{name}/upstream-request.json"));

        var errorFile = Path.Combine(dir, "upstream-error.json");
        if (File.Exists(errorFile))
        {
            var upstreamError = JsonNode.Parse(await File.ReadAllTextAsync(errorFile, ct))!;
            var status = upstreamError["status"]!.GetValue<int>();
            var errorBody = upstreamError["body"]!.ToJsonString();
            var mapped = AnthropicErrors.FromUpstream(status, errorBody);
            if (streaming)
            {
                var item = AnthropicErrors.StreamError(mapped);
                await CheckSseAsync(dir, [item], name, written);
            }
            else
            {
                var actual = new JsonObject { ["status"] = mapped.Status, ["body"] = JsonNode.Parse(mapped.ToJson()) }.ToJsonString();
                await CheckAsync(dir, "client-error.json", actual, written, (e, a) => GoldenJson.Equal(e, a, $"{name}/client-error.json"));
            }

            return;
        }

        var events = await ReadUpstreamSseAsync(Path.Combine(dir, "upstream.sse"));
        if (streaming)
        {
            var items = new List<SseItem<string>>();
            await foreach (var item in AnthropicTranslator.FromUpstreamStreamAsync(AsAsync(events), ctx, request.Model!, ct))
            {
                items.Add(item);
            }

            await CheckSseAsync(dir, items, name, written);
        }
        else
        {
            var response = AnthropicTranslator.FromUpstream(Merge(events), ctx, request.Model!);
            var actual = AnthropicTranslator.ToJson(response);
            await CheckAsync(dir, "client-response.json", actual, written, (e, a) => GoldenJson.Equal(e, a, $"{name}/client-response.json"));
        }
    }

    private static async Task CheckSseAsync(string dir, List<SseItem<string>> items, string name, List<string> written)
    {
        var path = Path.Combine(dir, "client.sse");
        if (Update)
        {
            var seen = new Dictionary<string, string>();
            var text = GoldenJson.Render(items.Select(i => (i.EventType, JsonNode.Parse(GoldenJson.Normalise(i.Data, seen)))));
            written.Add(await WriteSourceAsync(path, text));
            return;
        }

        GoldenJson.EqualSse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), items, $"{name}/client.sse");
    }

    private static async Task CheckAsync(string dir, string file, string actualJson, List<string> written, Action<string, string> compare)
    {
        var path = Path.Combine(dir, file);
        if (Update)
        {
            var pretty = GoldenJson.Pretty(JsonNode.Parse(GoldenJson.Normalise(actualJson, []))) + "\n";
            written.Add(await WriteSourceAsync(path, pretty));
            return;
        }

        compare(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), actualJson);
    }

    /// <summary>Writes into the source tree (the copy in bin is not what gets committed).</summary>
    private static async Task<string> WriteSourceAsync(string outputPath, string text)
    {
        var relative = Path.GetRelativePath(AppContext.BaseDirectory, outputPath);
        var source = Path.Combine(SourceDirectory(), "..", "..", relative);
        await File.WriteAllTextAsync(source, text, TestContext.Current.CancellationToken);
        return relative;
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static async Task<List<UpstreamResponseEnvelope>> ReadUpstreamSseAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var list = new List<UpstreamResponseEnvelope>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(TestContext.Current.CancellationToken))
        {
            list.Add(JsonSerializer.Deserialize(item.Data, UpstreamJsonContext.Default.UpstreamResponseEnvelope)!);
        }

        return list;
    }

    /// <summary>The non-streaming view of a stream: parts in order, the last finishReason and usage.</summary>
    private static GenerateContentResponse Merge(List<UpstreamResponseEnvelope> events)
    {
        var responses = events.Select(e => e.Response).OfType<GenerateContentResponse>().ToList();
        var candidates = responses.SelectMany(r => r.Candidates ?? []).ToList();
        return new GenerateContentResponse
        {
            ResponseId = responses.Select(r => r.ResponseId).FirstOrDefault(id => id is not null),
            ModelVersion = responses.Select(r => r.ModelVersion).FirstOrDefault(v => v is not null),
            UsageMetadata = responses.Select(r => r.UsageMetadata).LastOrDefault(u => u is not null),
            Candidates =
            [
                new Candidate
                {
                    Content = new Content { Role = "model", Parts = [.. candidates.SelectMany(c => c.Content?.Parts ?? [])] },
                    FinishReason = candidates.Select(c => c.FinishReason).LastOrDefault(f => f is not null),
                },
            ],
        };
    }

    private static async IAsyncEnumerable<T> AsAsync<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    private sealed record CaseSettings
    {
        public required ModelRoute Route { get; init; }
        public string Project { get; init; } = "calm-wave-1a2b3";
        public string RequestId { get; init; } = "agent-golden-0001";
        public string? SessionId { get; init; } = "session-golden";
        public bool KeepThinking { get; init; }
        public List<MemorySeed>? Memory { get; init; }
    }

    private sealed record MemorySeed(string Key, string Text, string Signature, ModelFamily Family);
}
