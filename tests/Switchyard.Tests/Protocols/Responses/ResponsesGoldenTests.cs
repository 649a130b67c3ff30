using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Protocols.Responses;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;
using static Switchyard.Tests.Protocols.GoldenFiles;
using static Switchyard.Tests.Protocols.Responses.ResponsesGolden;

namespace Switchyard.Tests.Protocols.Responses;

/// <summary>
/// Golden-file cases under <c>Golden/</c>: a folder with <c>case.json</c> (route, session, remembered thinking, and
/// <c>sharedMemory</c>) and either one turn's files or numbered <c>turn-N</c> folders run in order. A turn has
/// <c>client-request.json</c>, <c>upstream-request.json</c>, <c>upstream.sse</c>, <c>client-response.json</c> (not
/// streamed) and <c>client.sse</c> (streamed). Each turn gets a fresh ThinkingMemory unless <c>sharedMemory</c> is true,
/// so a multi-turn case proves that reasoning survives through the client alone. Every case runs streamed and not.
/// </summary>
public sealed class ResponsesGoldenTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<string, bool> Translations() => TranslationCases();

    [Theory]
    [MemberData(nameof(Translations))]
    public async Task Translate_GoldenCase_MatchesExpectedFiles(string name, bool streaming)
    {
        var ct = TestContext.Current.CancellationToken;
        var caseDir = Path.Combine(ResponsesGolden.Root, name);
        var caseJson = ReadObject(Path.Combine(caseDir, "case.json"));
        var shared = (bool?)caseJson["sharedMemory"] == true ? new ThinkingMemory() : null;
        var turns = Directory.GetDirectories(caseDir, "turn-*").Order(StringComparer.Ordinal).ToList();
        if (turns.Count == 0)
        {
            turns.Add(caseDir);
        }

        var replies = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var dir in turns)
        {
            var ctx = Context(caseJson, shared ?? new ThinkingMemory());
            var body = Resolve(await File.ReadAllTextAsync(Path.Combine(dir, "client-request.json"), ct), replies);
            Assert.True(ResponsesTranslator.TryParse(System.Text.Encoding.UTF8.GetBytes(body), Options, out var request, out var error), error?.Message);

            var upstream = ResponsesTranslator.ToUpstream(request, ctx);
            AssertJson(dir, "upstream-request.json", JsonSerializer.SerializeToNode(upstream, UpstreamJsonContext.Default.UpstreamEnvelope));

            var events = ReadUpstreamSse(Path.Combine(dir, "upstream.sse"));
            ResponseObject reply;
            if (streaming)
            {
                var stream = new ResponsesStream(request, ctx, Options, Created);
                var items = new List<SseItem<string>>();
                await foreach (var item in ResponsesTranslator.FromUpstreamStreamAsync(AsAsync(events), stream, ct))
                {
                    items.Add(item);
                }

                AssertSse(dir, "client.sse", items);
                reply = stream.Final!;
            }
            else
            {
                reply = ResponsesTranslator.FromUpstream(Aggregate(events), request, ctx, Options, Created);
                AssertJson(dir, "client-response.json", JsonNode.Parse(ResponsesTranslator.ToJson(reply)));
            }

            replies[Path.GetFileName(dir)] = JsonNode.Parse(ResponsesTranslator.ToJson(reply))!;
        }
    }

    public static TheoryData<string> Errors() => [.. Cases(Vendor, "errors")];

    [Theory]
    [MemberData(nameof(Errors))]
    public void FromUpstreamError_GoldenCase_MatchesEnvelopeAndStatus(string name)
    {
        var dir = Path.Combine(ResponsesGolden.Root, "errors", name);
        var upstream = ReadObject(Path.Combine(dir, "upstream-error.json"));
        var body = upstream["body"] is JsonValue text ? (string)text! : upstream["body"]!.ToJsonString();

        var error = ResponsesErrors.FromUpstream((int)upstream["status"]!, body);

        AssertJson(dir, "client-error.json", new JsonObject { ["status"] = error.Status, ["body"] = JsonNode.Parse(ResponsesErrors.ToJson(error)) });
    }
}
