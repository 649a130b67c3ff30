using System.Text.Json.Nodes;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

/// <summary>
/// Issue 15, end to end: a Claude thinking tool call streamed by the emulator and sent back. As received
/// (several thought parts, the signature on the last) it passes only the joined-run reading; joined into one
/// part it passes both. Non-streaming replies carry one thought part and pass both as they are.
/// </summary>
public sealed class StreamedThinkingRoundTripTests
{
    private const string Prompt = "Read it [[emu:think 30]] [[emu:call read_file {\"path\":\"a.txt\"}]]";

    private static JsonObject Next(List<JsonObject> modelParts)
    {
        var call = modelParts.Select(p => p["functionCall"]).OfType<JsonObject>().Single();
        JsonArray contents =
        [
            User(Text(Prompt)),
            Model([.. modelParts.Select(p => p.DeepClone())]),
            User(Response((string)call["name"]!, (string?)call["id"])),
        ];
        return Envelope(Opus, contents, ThinkingOn());
    }

    private static List<JsonObject> Joined(List<JsonObject> parts)
    {
        var thoughts = parts.Where(IsThought).ToList();
        var joined = new JsonObject
        {
            ["thought"] = true,
            ["text"] = string.Concat(thoughts.Select(p => (string)p["text"]!)),
            ["thoughtSignature"] = thoughts.Last()["thoughtSignature"]!.DeepClone(),
        };
        return [joined, .. parts.Where(p => !IsThought(p)).Select(p => p.DeepClone().AsObject())];
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stream_ThoughtPartsSentBackAsReceived_PassOnlyTheJoinedRunReading(bool onePartPerBlock)
    {
        await using var emu = await StartAsync();
        await emu.SetValidateAsync("oneThoughtPartPerBlock", onePartPerBlock);
        var parts = AllParts(await StreamEventsAsync(emu, Envelope(Opus, [User(Text(Prompt))], ThinkingOn())));
        Assert.True(parts.Count(IsThought) > 1, "the thinking should arrive in several parts");

        using var response = await emu.GenerateAsync(Next(parts), await emu.TokenAsync());

        if (onePartPerBlock)
        {
            await AssertClaude400Async(response, Rejections.SignatureRequired(1, 0));
        }
        else
        {
            await AssertOkAsync(response);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stream_ThoughtPartsJoinedBeforeSendingBack_PassEitherReading(bool onePartPerBlock)
    {
        await using var emu = await StartAsync();
        await emu.SetValidateAsync("oneThoughtPartPerBlock", onePartPerBlock);
        var parts = AllParts(await StreamEventsAsync(emu, Envelope(Opus, [User(Text(Prompt))], ThinkingOn())));

        using var response = await emu.GenerateAsync(Next(Joined(parts)), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_NonStreamingThinkingToolCallSentBackAsIs_PassesTheStrictDefaults()
    {
        await using var emu = await StartAsync();
        var parts = Parts(await GenerateAsync(emu, Envelope(Opus, [User(Text(Prompt))], ThinkingOn())));
        Assert.Equal(1, parts.Count(IsThought));

        using var response = await emu.GenerateAsync(Next(parts), await emu.TokenAsync());

        await AssertOkAsync(response);
    }
}
