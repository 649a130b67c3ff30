using System.Text.Json.Nodes;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

public sealed class StructureRulesTests
{
    private const string PartType = "type.googleapis.com/google.ai.generativelanguage.v1beta.Part";

    public static TheoryData<string, string, string> BadContents => new()
    {
        { """[]""", "* GenerateContentRequest.contents: contents is not specified\n", "contents" },
        { "\"hello\"", "Invalid value at 'request.contents' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), \"hello\"", "structure" },
        { """[{"role": "assistant", "parts": [{"text": "hi"}]}]""", "Please use a valid role: user, model.", "role" },
        { """[{"parts": [{"text": "hi"}]}]""", "Please use a valid role: user, model.", "role" },
        { """[{"role": "user", "parts": []}]""", "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n", "parts" },
        { """[{"role": "user", "parts": {"text": "hi"}}]""", $"Invalid value at 'request.contents[0].parts' ({PartType}), {{\"text\":\"hi\"}}", "structure" },
        { """[{"role": "user", "parts": [5]}]""", $"Invalid value at 'request.contents[0].parts[0]' ({PartType}), 5", "structure" },
        { """[{"role": "user", "parts": [{"text": 5}]}]""", "Invalid value at 'request.contents[0].parts[0].text' (TYPE_STRING), 5", "structure" },
        { """[{"role": "user", "parts": [{}]}]""", "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field\n", "parts" },
        { """[{"role": "user", "parts": [{"text": "hi"}]}, 7]""", "Invalid value at 'request.contents[1]' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), 7", "structure" },
        { """[{"role": "user", "parts": [{"functionResponse": {"response": {}}}]}]""", "* GenerateContentRequest.contents[0].parts[0].function_response.name: Name cannot be empty.\n", "parts" },
    };

    [Theory]
    [MemberData(nameof(BadContents))]
    public async Task Generate_MalformedContents_GetsGoogle400(string contentsJson, string message, string outcome)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = EmulatorFixture.Envelope(Flash3);
        body["request"]!["contents"] = JsonNode.Parse(contentsJson);

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertGoogle400Async(response, message);
        Assert.Equal(outcome, await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_MalformedContentsWithStructureOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"structure":false}}""");
        var body = EmulatorFixture.Envelope(Flash3);
        body["request"]!["contents"] = JsonNode.Parse("""[{"role": "assistant", "parts": [5, {}]}]""");

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData(Opus)]
    [InlineData(Flash3)]
    public async Task Generate_MalformedShapesWithStructureOff_NeverGet500(string model)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"structure":false,"envelope":false,"schema":false}}""");
        var body = EmulatorFixture.Envelope(model);
        body["request"]!["systemInstruction"] = 12;
        body["request"]!["contents"] = JsonNode.Parse("""
            [5, {"role": "model", "parts": "x"}, {"role": "model", "parts": [1, {"functionCall": 7}, {"thought": true, "thoughtSignature": 3}]},
             {"role": "user", "parts": [null, {"functionResponse": "r"}]}]
            """);
        body["request"]!["generationConfig"] = JsonNode.Parse("""{"thinkingConfig": {"thinkingBudget": "lots"}, "maxOutputTokens": "many"}""");
        body["request"]!["tools"] = JsonNode.Parse("""[3, {"functionDeclarations": [4, {"parameters": {"properties": [1]}}]}]""");

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        Assert.True((int)response.StatusCode is 200 or 400, $"Got {(int)response.StatusCode}");
    }

    private static JsonObject Declaration(string name) => new()
    {
        ["name"] = name,
        ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["p"] = new JsonObject { ["type"] = "string" } } },
    };

    private static JsonObject WithTools(string model, params JsonObject[] tools)
    {
        var body = EmulatorFixture.Envelope(model);
        body["request"]!["tools"] = new JsonArray(tools);
        return body;
    }

    [Theory]
    [InlineData("read_file")]
    [InlineData("_mcp.server:tool-1")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Generate_ValidFunctionName_Passes(string name)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = WithTools(Sonnet, new JsonObject { ["functionDeclarations"] = new JsonArray(Declaration(name)) });

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("1read")]
    [InlineData("read file")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345")]
    [InlineData("")]
    public async Task Generate_InvalidFunctionName_GetsInvalidFunctionName(string name)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = WithTools(Sonnet,
            new JsonObject { ["functionDeclarations"] = new JsonArray(Declaration("ok")) },
            new JsonObject { ["function_declarations"] = new JsonArray(Declaration("fine"), Declaration(name)) });

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertGoogle400Async(response,
            "* GenerateContentRequest.tools[1].function_declarations[1].name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.\n");
        Assert.Equal("function-name", await emu.LastOutcomeAsync());
    }

    [Theory]
    [InlineData("googleSearch")]
    [InlineData("urlContext")]
    public async Task Generate_SearchToolWithFunctions_GetsRejected(string searchTool)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = WithTools(Flash3,
            new JsonObject { [searchTool] = new JsonObject() },
            new JsonObject { ["functionDeclarations"] = new JsonArray(Declaration("read_file")) });

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertGoogle400Async(response, "Tool use with function calling is unsupported");
        Assert.Equal("search-with-functions", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_SearchToolAlone_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = WithTools(Flash3, new JsonObject { ["googleSearch"] = new JsonObject() });
        body["requestType"] = "web_search";

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("VALIDATED", true)]
    [InlineData("AUTO", true)]
    [InlineData("ANY", true)]
    [InlineData("NONE", true)]
    [InlineData("validated", false)]
    [InlineData("REQUIRED", false)]
    public async Task Generate_FunctionCallingMode_OnlyKnownModesPass(string mode, bool passes)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var body = EmulatorFixture.Envelope(Sonnet);
        body["request"]!["toolConfig"] = new JsonObject { ["functionCallingConfig"] = new JsonObject { ["mode"] = mode } };

        using var response = await emu.GenerateAsync(body, await emu.TokenAsync());

        if (passes)
        {
            await AssertOkAsync(response);
        }
        else
        {
            await AssertGoogle400Async(response,
                $"Invalid value at 'request.tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \"{mode}\"");
            Assert.Equal("tool-config", await emu.LastOutcomeAsync());
        }
    }
}
