using System.Text.Json.Nodes;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;

namespace Switchyard.Emulator.Tests.Generation;

/// <summary>
/// Implicit prompt caching (PromptCacheConfig): cachedContentTokenCount is the tokens of the leading units (system with
/// tools, then contents but the last) equal to the previous request of the account and model, within the TTL and from
/// MinTokens (1024) up.
/// </summary>
public sealed class PromptCacheTests
{
    private const string Model = "gemini-3-flash";

    /// <summary>A system of <paramref name="systemChars"/> chars (a quarter of that in tokens) and the given turns.</summary>
    private static JsonObject Conversation(int systemChars, params string[] turns)
    {
        var contents = new JsonArray();
        for (var i = 0; i < turns.Length; i++)
        {
            contents.Add((JsonNode)new JsonObject
            {
                ["role"] = i % 2 == 0 ? "user" : "model",
                ["parts"] = new JsonArray { (JsonNode)new JsonObject { ["text"] = turns[i] } },
            });
        }

        var envelope = EmulatorFixture.Envelope(Model);
        envelope["request"] = new JsonObject
        {
            ["systemInstruction"] = new JsonObject { ["role"] = "user", ["parts"] = new JsonArray { (JsonNode)new JsonObject { ["text"] = new string('s', systemChars) } } },
            ["contents"] = contents,
        };
        return envelope;
    }

    private static int? Cached(JsonObject body) => Usage(body)?["cachedContentTokenCount"] is JsonValue v ? v.GetValue<int>() : null;

    [Fact]
    public async Task Generate_SecondTurnRepeatsThePrefix_ReportsItsTokens()
    {
        await using var emu = await StartAsync();
        var user1 = new string('u', 400);

        var first = await GenerateAsync(emu, Conversation(4000, user1));
        var second = await GenerateAsync(emu, Conversation(4000, user1, "[[emu:text ok]]", "next question"));

        Assert.Null(Cached(first));
        Assert.Equal(1000 + 100, Cached(second));
    }

    [Fact]
    public async Task Generate_PrefixBelowMinimum_ReportsNothing()
    {
        await using var emu = await StartAsync();

        await GenerateAsync(emu, Conversation(2000, new string('u', 400)));
        var second = await GenerateAsync(emu, Conversation(2000, new string('u', 400), "reply", "more"));

        Assert.Null(Cached(second));
    }

    [Fact]
    public async Task Generate_AfterTheTtlOrOnAnotherAccountOrChangedSystem_ReportsNothing()
    {
        await using var emu = await StartAsync();
        var user1 = new string('u', 400);
        await GenerateAsync(emu, Conversation(4000, user1));

        var other = await GenerateAsync(emu, Conversation(4000, user1, "reply", "more"), EmulatorFixture.Grace);
        await emu.Control.AdvanceClockAsync(TimeSpan.FromSeconds(301), Ct);
        var late = await GenerateAsync(emu, Conversation(4000, user1, "reply", "more"));
        var changed = await GenerateAsync(emu, Conversation(4001, user1, "reply", "more"));

        Assert.Null(Cached(other));
        Assert.Null(Cached(late));
        Assert.Null(Cached(changed));
    }

    [Fact]
    public async Task Generate_PromptCacheOff_ReportsNothing()
    {
        await using var emu = await StartAsync(new EmulatorConfig { PromptCache = new Switchyard.Emulator.Generation.PromptCacheConfig { Enabled = false } });
        var user1 = new string('u', 400);

        await GenerateAsync(emu, Conversation(4000, user1));
        var second = await GenerateAsync(emu, Conversation(4000, user1, "reply", "more"));

        Assert.Null(Cached(second));
    }
}
