using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Protocols.Gemini;
using Switchyard.Upstream.Wire;
using static Switchyard.Tests.Protocols.GoldenFiles;

namespace Switchyard.Tests.Protocols.Gemini;

public sealed class GeminiGoldenTests
{
    private const string Vendor = "Gemini";

    public static TheoryData<string, bool> Translations() => TranslationCases(Vendor);

    public static TheoryData<string> Errors() => [.. Cases(Vendor, "errors")];

    [Theory]
    [MemberData(nameof(Translations))]
    public async Task Translate_GoldenCase_MatchesExpectedFiles(string name, bool streaming)
    {
        var dir = Path.Combine(Root(Vendor), name);
        var caseJson = ReadObject(Path.Combine(dir, "case.json"));
        var ctx = Context(caseJson);
        var body = await File.ReadAllBytesAsync(Path.Combine(dir, "client-request.json"), TestContext.Current.CancellationToken);

        Assert.True(GeminiTranslator.TryParse(body, out var request, out var error), error?.Message);
        var upstream = GeminiTranslator.ToUpstream(request, ctx);
        AssertJson(Vendor, dir, "upstream-request.json", JsonSerializer.SerializeToNode(upstream, UpstreamJsonContext.Default.UpstreamEnvelope));

        var events = ReadUpstreamSse(Path.Combine(dir, "upstream.sse"));
        if (streaming)
        {
            var items = new List<SseItem<string>>();
            await foreach (var item in GeminiTranslator.FromUpstreamStreamAsync(AsAsync(events), ctx, TestContext.Current.CancellationToken))
            {
                items.Add(item);
            }

            AssertSse(Vendor, dir, "client.sse", items);
        }
        else
        {
            var response = GeminiTranslator.FromUpstream(Aggregate(events), ctx);
            AssertJson(Vendor, dir, "client-response.json", JsonNode.Parse(GeminiTranslator.ToJson(response)));
        }

        foreach (var remembered in caseJson["remembers"]?.AsArray() ?? [])
        {
            var found = ctx.Thinking.Find((string)remembered!["key"]!);
            Assert.NotNull(found);
            Assert.Equal((string)remembered["signature"]!, found.Signature);
        }
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void FromUpstreamError_GoldenCase_MatchesEnvelopeAndStatus(string name)
    {
        var dir = Path.Combine(Root(Vendor), "errors", name);
        var upstream = ReadObject(Path.Combine(dir, "upstream-error.json"));
        var body = upstream["body"] is JsonValue text ? (string)text! : upstream["body"]!.ToJsonString();

        var error = GeminiErrors.FromUpstream((int)upstream["status"]!, body);

        var actual = new JsonObject { ["status"] = error.Code, ["body"] = JsonNode.Parse(GeminiErrors.ToJson(error)) };
        AssertJson(Vendor, dir, "client-error.json", actual);
    }
}
