using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Protocols.OpenAI;
using Switchyard.Upstream.Wire;
using static Switchyard.Tests.Protocols.GoldenFiles;

namespace Switchyard.Tests.Protocols.OpenAI;

public sealed class OpenAIGoldenTests
{
    private const string Vendor = "OpenAI";
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<string, bool> Translations() => TranslationCases(Vendor);

    public static TheoryData<string> Errors() => [.. Cases(Vendor, "errors")];

    [Theory]
    [MemberData(nameof(Translations))]
    public async Task Translate_GoldenCase_MatchesExpectedFiles(string name, bool streaming)
    {
        var dir = Path.Combine(Root(Vendor), name);
        var caseJson = ReadObject(Path.Combine(dir, "case.json"));
        var body = await File.ReadAllBytesAsync(Path.Combine(dir, "client-request.json"), TestContext.Current.CancellationToken);
        var ctx = Context(caseJson);

        Assert.True(OpenAITranslator.TryParse(body, out var request, out var error), error?.Message);
        var upstream = OpenAITranslator.ToUpstream(request, ctx);
        AssertJson(Vendor, dir, "upstream-request.json", JsonSerializer.SerializeToNode(upstream, UpstreamJsonContext.Default.UpstreamEnvelope));

        var events = ReadUpstreamSse(Path.Combine(dir, "upstream.sse"));
        if (streaming)
        {
            var items = new List<SseItem<string>>();
            await foreach (var item in OpenAITranslator.FromUpstreamStreamAsync(AsAsync(events), request, ctx, Created, TestContext.Current.CancellationToken))
            {
                items.Add(item);
            }

            AssertSse(Vendor, dir, "client.sse", items);
        }
        else
        {
            var completion = OpenAITranslator.FromUpstream(Aggregate(events), ctx, Created);
            AssertJson(Vendor, dir, "client-response.json", JsonSerializer.SerializeToNode(completion, OpenAIJsonContext.Default.ChatCompletion));
        }

        foreach (var remembered in caseJson["remembers"]?.AsArray() ?? [])
        {
            var found = ctx.Thinking.Find((string)remembered!["key"]!);
            Assert.NotNull(found);
            Assert.Equal((string)remembered["signature"]!, found.Signature);
            Assert.Equal((string?)remembered["text"] ?? found.Text, found.Text);
        }
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void FromUpstreamError_GoldenCase_MatchesEnvelopeAndStatus(string name)
    {
        var dir = Path.Combine(Root(Vendor), "errors", name);
        var upstream = ReadObject(Path.Combine(dir, "upstream-error.json"));
        var body = upstream["body"] is JsonValue text ? (string)text! : upstream["body"]!.ToJsonString();

        var error = OpenAIErrors.FromUpstream((int)upstream["status"]!, body);

        var actual = new JsonObject { ["status"] = error.Status, ["body"] = JsonNode.Parse(OpenAIErrors.ToJson(error)) };
        AssertJson(Vendor, dir, "client-error.json", actual);
    }
}
