using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Control;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.Tests.Quota;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Control;

/// <summary>The open readings of issue 15 through the typed client, and the badRequest presets for their texts.</summary>
public sealed class ReadingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Breaks five open readings at once: enum on an integer, title, text before results, no thinking on an earlier tool turn, a split thought.</summary>
    private static JsonObject BreaksEveryStrictReading(EmulatorFixture emu)
    {
        var signature = emu.Server.State.Signatures.Sign(Signatures.Claude, "Let me check.");
        JsonArray contents =
        [
            User(Text("Read a.txt, then b.txt")),
            Model(Call("read_file", "toolu_1")),
            User(Response("read_file", "toolu_1")),
            Model(Thought("Let me"), Thought(" check.", signature), Call("read_file", "toolu_2")),
            User(Text("b:"), Response("read_file", "toolu_2")),
        ];
        var body = Envelope(Opus, contents, ThinkingOn());
        body["request"]!["tools"] = JsonNode.Parse("""
            [{"functionDeclarations": [{"name": "read_file", "parameters": {"type": "object", "title": "Args",
              "properties": {"n": {"type": "integer", "enum": ["1", "2"]}}}}]}]
            """);
        return body;
    }

    [Fact]
    public async Task SetReadingsAsync_Lenient_EveryOpenToggleOffAndTheRequestPasses()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var token = await emu.TokenAsync();
        using (var strict = await emu.GenerateAsync(BreaksEveryStrictReading(emu), token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        }

        var config = await emu.Control.SetReadingsAsync(strict: false, Ct);
        using var lenient = await emu.GenerateAsync(BreaksEveryStrictReading(emu), token);

        Assert.False(config.StrictUnknownFields);
        Assert.False(config.Validate.ThinkingOnEveryToolTurn);
        Assert.False(config.Validate.RejectAssistantPrefill);
        Assert.True(config.Validate.ThinkingOrder);
        await AssertOkAsync(lenient);
    }

    [Fact]
    public async Task SetReadingsAsync_StrictAfterLenient_RestoresTheDefaults()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.Control.SetReadingsAsync(strict: false, Ct);

        var config = await emu.Control.SetReadingsAsync(strict: true, Ct);

        Assert.Equal(
            JsonSerializer.Serialize(new EmulatorConfig(), EmulatorJsonContext.Default.EmulatorConfig),
            JsonSerializer.Serialize(config, EmulatorJsonContext.Default.EmulatorConfig));
    }

    [Fact]
    public void OpenReadings_NameEveryIssue15Toggle_AllStrictByDefault()
    {
        var defaults = JsonSerializer.SerializeToNode(new ValidationConfig(), EmulatorJsonContext.Default.ValidationConfig)!.AsObject();

        Assert.All(EmulatorControlClient.OpenReadings, name => Assert.True((bool?)defaults[name], name));
    }

    [Theory]
    [InlineData("assistantPrefill", null)]
    [InlineData("enumOnlyForString", "unit")]
    public async Task BadRequestPreset_Issue15Texts(string preset, string? variant)
    {
        await using var emu = await LimitsKit.StartAsync();
        var action = new JsonObject { ["type"] = "badRequest", ["preset"] = preset, ["variant"] = variant };
        await emu.Control.AddFaultAsync(new JsonObject { ["action"] = action }, Ct);

        using var response = await LimitsKit.GenerateAsync(emu, await LimitsKit.TokenAsync(emu), "claude-sonnet-4-6");

        if (preset == "assistantPrefill")
        {
            await AssertClaude400Async(response, Rejections.PrefillUnsupported);
        }
        else
        {
            await AssertGoogle400Async(response,
                "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[unit].enum: only allowed for STRING type\n");
        }
    }
}
