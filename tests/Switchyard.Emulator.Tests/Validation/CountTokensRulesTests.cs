using System.Text.Json.Nodes;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

public sealed class CountTokensRulesTests
{
    private static JsonObject Body() => new()
    {
        ["request"] = new JsonObject
        {
            ["model"] = Flash25,
            ["contents"] = new JsonArray(User(Text("Count me"))),
            ["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(Text("Be brief")) },
            ["tools"] = new JsonArray(new JsonObject { ["functionDeclarations"] = new JsonArray(new JsonObject { ["name"] = "read_file" }) }),
        },
    };

    [Fact]
    public async Task CountTokens_RequestWithContentsInstructionToolsModel_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.CallAsync("countTokens", Body(), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("project")]
    public async Task CountTokens_TopLevelEnvelopeField_GetsUnknownName(string field)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = Body();
        body[field] = "x";

        using var response = await emu.CallAsync("countTokens", body, await emu.TokenAsync());

        await AssertGoogle400Async(response, $"Invalid JSON payload received. Unknown name \"{field}\": Cannot find field.");
        Assert.Equal("unknown-field", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task CountTokens_SafetySettings_GetsUnknownNameAtRequest()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = Body();
        body["request"]!["safetySettings"] = new JsonArray();

        using var response = await emu.CallAsync("countTokens", body, await emu.TokenAsync());

        await AssertGoogle400Async(response, "Invalid JSON payload received. Unknown name \"safetySettings\" at 'request': Cannot find field.");
    }

    [Theory]
    [InlineData("""{"request": {"model": "gemini-2.5-flash"}}""", "* CountTokensRequest.contents: contents is not specified\n")]
    [InlineData("""{}""", "* CountTokensRequest.contents: contents is not specified\n")]
    [InlineData("""{"request": {"contents": "hi"}}""", "Invalid value at 'request.contents' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), \"hi\"")]
    [InlineData("""{"request": {"contents": [{"role": "user", "parts": [3]}]}}""", "Invalid value at 'request.contents[0].parts[0]' (type.googleapis.com/google.ai.generativelanguage.v1beta.Part), 3")]
    [InlineData("""{"request": {"contents": [{"role": "user", "parts": [{"text": "x"}]}], "systemInstruction": "Be brief"}}""",
        "Invalid value at 'request.system_instruction' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), \"Be brief\"")]
    public async Task CountTokens_MalformedRequest_GetsGoogle400(string json, string message)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.CallAsync("countTokens", JsonNode.Parse(json)!, await emu.TokenAsync());

        await AssertGoogle400Async(response, message);
    }

    [Fact]
    public async Task CountTokens_EnvelopeOff_TopLevelModelPasses()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"envelope":false}}""");
        var body = Body();
        body["model"] = Flash25;

        using var response = await emu.CallAsync("countTokens", body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }
}
