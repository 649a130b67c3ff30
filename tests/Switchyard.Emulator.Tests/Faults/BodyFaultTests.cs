using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Tests.Quota;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;

namespace Switchyard.Emulator.Tests.Faults;

/// <summary>Issue 15: the <c>body</c> fault, empty and cut non-streaming replies, through the fault engine and scripts.</summary>
public sealed class BodyFaultTests
{
    private const string Model = "claude-sonnet-4-6";

    private static async Task<HttpResponseMessage> FireAsync(EmulatorFixture emu, string action)
    {
        await emu.Control.AddFaultAsync(new JsonObject { ["match"] = new JsonObject { ["rpc"] = "generateContent" }, ["action"] = JsonNode.Parse(action) }, Ct);
        return await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu), Model);
    }

    private static JsonObject Candidate(JsonObject body) => body["response"]!["candidates"]![0]!.AsObject();

    [Fact]
    public async Task Body_Blank_200WithEmptyJsonBody()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"body","mode":"blank"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Body_NoCandidates_EmptyCandidateList()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"body","mode":"noCandidates"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Empty(body["response"]!["candidates"]!.AsArray());
        Assert.NotNull(body["response"]!["responseId"]);
    }

    [Fact]
    public async Task Body_NoParts_CandidateContentWithoutParts()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"body","mode":"noParts"}""");

        var candidate = Candidate(await EmulatorFixture.ReadJsonAsync(response));
        Assert.Equal("model", (string?)candidate["content"]!["role"]);
        Assert.False(candidate["content"]!.AsObject().ContainsKey("parts"));
        Assert.Equal("STOP", (string?)candidate["finishReason"]);
    }

    [Fact]
    public async Task Body_EmptyText_OnePartWithEmptyText()
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, """{"type":"body","mode":"emptyText"}""");

        var part = Assert.Single(Candidate(await EmulatorFixture.ReadJsonAsync(response))["content"]!["parts"]!.AsArray());
        Assert.Equal("", (string?)part!["text"]);
    }

    [Theory]
    [InlineData("""{"type":"body","mode":"truncate","afterBytes":40}""", 40)]
    [InlineData("""{"type":"body","mode":"truncate"}""", null)]
    public async Task Body_Truncate_CleanEndButJsonDoesNotParse(string action, int? afterBytes)
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await FireAsync(emu, action);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("{\"response\":{\"candidates\":", text, StringComparison.Ordinal);
        if (afterBytes is { } cut)
        {
            Assert.Equal(cut, text.Length);
        }

        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(text));
    }

    [Fact]
    public async Task Body_Disconnect_BodyEndsShortOfContentLength()
    {
        await using var emu = await LimitsKit.StartAsync();
        await emu.Control.AddFaultAsync(JsonNode.Parse("""{"action":{"type":"body","mode":"disconnect","afterBytes":30}}""")!.AsObject(), Ct);
        var token = await LimitsKit.TokenAsync(emu);

        await Assert.ThrowsAsync<HttpRequestException>(() => LimitsKit.GenerateAsync(emu, token, Model));
    }

    [Fact]
    public async Task Body_OnAStream_LeavesTheStreamAlone()
    {
        await using var emu = await StartAsync();
        await emu.Control.AddFaultAsync(JsonNode.Parse("""{"action":{"type":"body","mode":"blank"}}""")!.AsObject(), Ct);

        var events = await StreamEventsAsync(emu, EmulatorFixture.Envelope(Model));

        Assert.NotEmpty(events);
        Assert.Equal("STOP", FinishReason(events[^1]));
    }

    [Fact]
    public async Task Body_AsScriptFault_ShapesThatReply()
    {
        await using var emu = await StartAsync();
        await ScriptFaultAsync(emu, new JsonObject { ["type"] = "body", ["mode"] = "noCandidates" });

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope(Model));

        Assert.Empty(body["response"]!["candidates"]!.AsArray());
    }

    [Fact]
    public async Task Body_AsDirective_ShapesThatReply()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope(Model, """Hi [[emu:fault body {"mode":"noParts"}]]"""));

        Assert.False(Candidate(body)["content"]!.AsObject().ContainsKey("parts"));
    }

    [Theory]
    [InlineData("""{"type":"body"}""", "body needs a 'mode'")]
    [InlineData("""{"type":"body","mode":"sideways"}""", "body needs a 'mode'")]
    [InlineData("""{"type":"body","mode":"truncate","afterBytes":-1}""", "'afterBytes'")]
    public async Task AddFault_BadBodyAction_400NamingTheProblem(string action, string named)
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await LimitsKit.ControlAsync(emu, HttpMethod.Post, "faults", $$"""{"action":{{action}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
