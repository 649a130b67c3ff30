using System.Text.Json.Nodes;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

public sealed class EnvelopeRulesTests
{
    private const string SystemInstructionString =
        "Invalid value at 'request.system_instruction' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), \"Be brief\"";

    [Fact]
    public async Task Generate_GeminiCliStyleWithoutRequestTypeOrUserAgent_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = EmulatorFixture.Envelope(Flash3);
        body.Remove("requestType");
        body.Remove("userAgent");
        body["request"]!["systemInstruction"] = new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(Text("Be brief")) };

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("systemInstruction")]
    [InlineData("system_instruction")]
    public async Task Generate_SystemInstructionBareString_GetsInvalidValue(string spelling)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = EmulatorFixture.Envelope(Sonnet);
        body["request"]![spelling] = "Be brief";

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertGoogle400Async(response, SystemInstructionString);
        Assert.Equal("system-instruction", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_CamelAndSnakeSystemInstruction_CamelCaseWins()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = EmulatorFixture.Envelope(Sonnet);
        body["request"]!["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(Text("Be brief")) };
        body["request"]!["system_instruction"] = "ignored";

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_EnvelopeToggleOff_SystemInstructionStringPasses()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"envelope":false}}""");
        var body = EmulatorFixture.Envelope(Sonnet);
        body["request"]!["systemInstruction"] = "Be brief";

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("""{"model": 5, "request": {}}""", "Invalid value at 'model' (TYPE_STRING), 5")]
    [InlineData("""{"model": "claude-sonnet-4-6", "userAgent": 7, "request": {}}""", "Invalid value at 'user_agent' (TYPE_STRING), 7")]
    [InlineData("""{"model": "claude-sonnet-4-6", "project": ["p"], "request": {}}""", "Invalid value at 'project' (TYPE_STRING), [\"p\"]")]
    [InlineData("""{"model": "claude-sonnet-4-6", "request": "hi"}""",
        "Invalid value at 'request' (type.googleapis.com/google.internal.cloud.code.v1internal.GenerateContentRequest), \"hi\"")]
    [InlineData("""{"model": "claude-sonnet-4-6"}""", "Request contains an invalid argument.")]
    public async Task Generate_MalformedEnvelope_GetsInvalidArgument(string json, string message)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(JsonNode.Parse(json)!, await emu.TokenAsync());

        await AssertGoogle400Async(response, message);
        Assert.Equal("envelope", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_UnknownFieldWithStrictModeOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"strictUnknownFields":false}""");
        var body = EmulatorFixture.Envelope(Sonnet);
        body["request"]!["generationConfig"] = new JsonObject { ["bogusKnob"] = 1 };

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("generationConfig", "Invalid JSON payload received. Unknown name \"bogusKnob\" at 'request.generation_config': Cannot find field.")]
    [InlineData("root", "Invalid JSON payload received. Unknown name \"bogusKnob\": Cannot find field.")]
    [InlineData("part", "Invalid JSON payload received. Unknown name \"bogusKnob\" at 'request.contents[0].parts[0]': Cannot find field.")]
    [InlineData("thinkingConfig", "Invalid JSON payload received. Unknown name \"bogusKnob\" at 'request.generation_config.thinking_config': Cannot find field.")]
    public async Task Generate_UnknownFieldByDefault_GetsUnknownName(string where, string message)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = EmulatorFixture.Envelope(Sonnet);
        var request = body["request"]!.AsObject();
        var generation = new JsonObject();
        var thinking = new JsonObject();
        request["generation_config"] = generation;
        generation["thinking_config"] = thinking;
        var target = where switch
        {
            "root" => body,
            "part" => request["contents"]![0]!["parts"]![0]!.AsObject(),
            "thinkingConfig" => thinking,
            _ => generation,
        };
        target["bogusKnob"] = 1;

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertGoogle400Async(response, message);
        Assert.Equal("unknown-field", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_KnownExtrasByDefault_Pass()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = EmulatorFixture.Envelope(Sonnet);
        body["enabledCreditTypes"] = new JsonArray("GOOGLE_ONE_AI");
        body["user_prompt_id"] = "prompt-1";
        var request = body["request"]!.AsObject();
        request["model"] = Sonnet;
        request["sessionId"] = "-abc:claude:proj:key";
        request["cachedContent"] = "cachedContents/1";
        request["cache_control"] = new JsonObject { ["type"] = "ephemeral" };
        request["safetySettings"] = new JsonArray(new JsonObject { ["category"] = "HARM_CATEGORY_HARASSMENT", ["threshold"] = "OFF" });
        request["toolConfig"] = new JsonObject { ["functionCallingConfig"] = new JsonObject { ["mode"] = "VALIDATED" } };
        request["tools"] = new JsonArray(new JsonObject
        {
            ["functionDeclarations"] = new JsonArray(new JsonObject
            {
                ["name"] = "read_file",
                ["description"] = "Reads a file",
                ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["path"] = new JsonObject { ["type"] = "string" } } },
            }, new JsonObject
            {
                ["name"] = "run_shell_command",
                ["parametersJsonSchema"] = new JsonObject { ["type"] = "object", ["$defs"] = new JsonObject() },
                ["behavior"] = "BLOCKING",
            }),
        });
        request["generationConfig"] = new JsonObject
        {
            ["maxOutputTokens"] = 1000, ["temperature"] = 1.0, ["topP"] = 1.0, ["topK"] = 40, ["candidateCount"] = 1,
            ["stopSequences"] = new JsonArray("<|user|>"), ["responseMimeType"] = "text/plain",
            ["responseModalities"] = new JsonArray("TEXT"), ["seed"] = 7, ["presencePenalty"] = 0.1, ["frequencyPenalty"] = 0.1,
            ["responseJsonSchema"] = new JsonObject { ["type"] = "object" },
            ["imageConfig"] = new JsonObject { ["aspectRatio"] = "1:1", ["imageSize"] = "1K" },
        };

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }
}
