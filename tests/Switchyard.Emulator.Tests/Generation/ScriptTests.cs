using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;

namespace Switchyard.Emulator.Tests.Generation;

public sealed class ScriptTests
{
    private static JsonObject Script(JsonObject? match, params string[] texts)
    {
        var script = new JsonObject { ["responses"] = new JsonArray(texts.Select(t => (JsonNode)new JsonObject { ["text"] = t }).ToArray()) };
        if (match is not null)
        {
            script["match"] = match;
        }

        return script;
    }

    private static async Task<string> ReplyTextAsync(EmulatorFixture emu, string model = "claude-sonnet-4-6", string email = EmulatorFixture.Ada) =>
        Text(Parts(await GenerateAsync(emu, EmulatorFixture.Envelope(model, "hi"), email)));

    [Fact]
    public async Task Scripts_QueuedResponses_ServedFirstInFirstOutThenEcho()
    {
        await using var emu = await StartAsync();
        await emu.Control.AddScriptAsync(Script(null, "one", "two"), Ct);
        await emu.Control.AddScriptAsync(Script(null, "three"), Ct);

        Assert.Equal("one", await ReplyTextAsync(emu));
        Assert.Equal("two", await ReplyTextAsync(emu));
        Assert.Equal("three", await ReplyTextAsync(emu));
        Assert.Equal("Emulated claude-sonnet-4-6 reply to: hi", await ReplyTextAsync(emu));
    }

    [Fact]
    public async Task Scripts_MatchByEmailAndModelGlob_OnlyMatchingCallsTakeThem()
    {
        await using var emu = await StartAsync();
        await emu.Control.AddScriptAsync(new JsonArray
        {
            Script(new JsonObject { ["email"] = "GRACE@example.com", ["model"] = "gemini-*" }, "grace-gemini"),
            Script(new JsonObject { ["model"] = "claude-*" }, "any-claude"),
        }, Ct);

        Assert.Equal("Emulated gemini-3-flash reply to: hi", await ReplyTextAsync(emu, "gemini-3-flash", EmulatorFixture.Ada));
        Assert.Equal("grace-gemini", await ReplyTextAsync(emu, "gemini-3-flash", EmulatorFixture.Grace));
        Assert.Equal("any-claude", await ReplyTextAsync(emu, "claude-sonnet-4-6", EmulatorFixture.Grace));
        Assert.Empty(await emu.Control.GetScriptsAsync(Ct));
    }

    [Fact]
    public async Task Scripts_MatchByLabel_OtherHostsEcho()
    {
        await using var emu = await StartAsync();
        await emu.Control.AddScriptAsync(Script(new JsonObject { ["label"] = "daily*" }, "from-daily"), Ct);
        var token = await emu.TokenAsync();

        using var prod = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), token, label: "prod");
        using var daily = await emu.CallAsync("generateContent", EmulatorFixture.Envelope("claude-sonnet-4-6"), token, label: "daily-sandbox");

        Assert.StartsWith("Emulated", Text(Parts(await EmulatorFixture.ReadJsonAsync(prod))), StringComparison.Ordinal);
        Assert.Equal("from-daily", Text(Parts(await EmulatorFixture.ReadJsonAsync(daily))));
    }

    [Fact]
    public async Task Scripts_FullEntry_RenderedPerFamilyWithUsageOverride()
    {
        await using var emu = await StartAsync();
        await emu.Control.AddScriptAsync(new JsonObject
        {
            ["match"] = new JsonObject { ["model"] = "claude-opus-*" },
            ["responses"] = new JsonArray
            {
                new JsonObject
                {
                    ["thinking"] = "Need the file first.",
                    ["text"] = "Reading.",
                    ["functionCalls"] = new JsonArray { new JsonObject { ["name"] = "read_file", ["args"] = new JsonObject { ["path"] = "a.txt" } } },
                    ["usage"] = new JsonObject { ["cachedContentTokenCount"] = 1024, ["promptTokenCount"] = 1200 },
                },
            },
        }, Ct);

        var body = await GenerateAsync(emu, EmulatorFixture.Envelope("claude-opus-4-6-thinking"));

        var parts = Parts(body);
        Assert.Equal("Need the file first.", Text(parts, thought: true));
        Assert.Equal(SignatureCheck.Valid, Signer(emu).Verify((string?)parts[0]["thoughtSignature"], Signatures.Claude, "Need the file first."));
        Assert.Equal("Reading.", Text(parts));
        Assert.Equal("a.txt", (string?)parts[^1]["functionCall"]!["args"]!["path"]);
        Assert.StartsWith("toolu_vrtx_", (string?)parts[^1]["functionCall"]!["id"], StringComparison.Ordinal);
        Assert.Equal("OTHER", FinishReason(body));
        Assert.Equal(1024, UsageValue(body, "cachedContentTokenCount"));
        Assert.Equal(1200, UsageValue(body, "promptTokenCount"));
    }

    [Fact]
    public async Task Scripts_FinishReasonGiven_OverridesDefault()
    {
        await using var emu = await StartAsync();
        await emu.Control.AddScriptAsync(new JsonObject { ["responses"] = new JsonArray { new JsonObject { ["text"] = "x", ["finishReason"] = "SAFETY" } } }, Ct);

        Assert.Equal("SAFETY", FinishReason(await GenerateAsync(emu, EmulatorFixture.Envelope("gemini-3.1-pro-low"))));
    }

    [Fact]
    public async Task Scripts_GetShowsRemaining_DeleteAndResetClear()
    {
        await using var emu = await StartAsync();
        await emu.Control.AddScriptAsync(Script(new JsonObject { ["email"] = EmulatorFixture.Ada }, "a", "b", "c"), Ct);
        await ReplyTextAsync(emu);

        var remaining = Assert.Single(await emu.Control.GetScriptsAsync(Ct))!;
        Assert.Equal(2, (int)remaining["remaining"]!);
        Assert.Equal(["b", "c"], remaining["responses"]!.AsArray().Select(r => (string)r!["text"]!));
        Assert.Equal(EmulatorFixture.Ada, (string?)remaining["match"]!["email"]);

        await emu.Control.ClearScriptsAsync(Ct);
        Assert.Empty(await emu.Control.GetScriptsAsync(Ct));

        await emu.Control.AddScriptAsync(Script(null, "z"), Ct);
        await emu.Control.ResetAsync(Ct);
        Assert.Empty(await emu.Control.GetScriptsAsync(Ct));
        Assert.StartsWith("Emulated", await ReplyTextAsync(emu), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"match":{}}""", "responses")]
    [InlineData("""{"responses":[]}""", "responses")]
    [InlineData("""{"responses":[{"txt":"x"}]}""", "script.responses[0].txt")]
    [InlineData("""{"match":{"mail":"a"},"responses":[{"text":"x"}]}""", "script.match.mail")]
    [InlineData("""{"match":{"email":5},"responses":[{"text":"x"}]}""", "script.match.email")]
    [InlineData("""[{"responses":[{"text":"x"}]},{"responses":[{"functionCalls":[{"args":{}}]}]}]""", "[1].responses[0].functionCalls[0]")]
    [InlineData("""{"responses":[{"functionCalls":[{"name":"f","args":[1]}]}]}""", "functionCalls[0].args")]
    [InlineData("""{"responses":[{"fault":{"type":"stream","mode":"explode"}}]}""", "fault.mode")]
    [InlineData("""{"responses":[{"fault":{"type":"rateLimit"}}]}""", "fault.type")]
    [InlineData("""{"responses":[{"usage":{"promptTokenCount":"many"}}]}""", "usage")]
    [InlineData("""{"responses":[{"image":"yes"}]}""", "image")]
    [InlineData("""{"responses":[{"text":"x"}]""", "Malformed JSON")]
    [InlineData("""7""", "script object")]
    public async Task Scripts_MalformedBody_400NamingTheProblemAndNothingQueued(string body, string named)
    {
        await using var emu = await StartAsync();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await emu.Http.PostAsync("__emulator/scripts", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"], StringComparison.Ordinal);
        Assert.Empty(await emu.Control.GetScriptsAsync(Ct));
    }
}
