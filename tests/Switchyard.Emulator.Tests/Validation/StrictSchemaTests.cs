using System.Text.Json.Nodes;
using Switchyard.Emulator.Validation;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

/// <summary>Issue 15 function-declaration rules, each under its toggle: enum values and types, title, names.</summary>
public sealed class StrictSchemaTests
{
    private const string Declaration = "tools[0].function_declarations[0]";

    private static JsonObject WithDeclaration(string model, string name, string parametersJson)
    {
        var body = EmulatorFixture.Envelope(model);
        body["request"]!["tools"] = new JsonArray(new JsonObject
        {
            ["functionDeclarations"] = new JsonArray(new JsonObject { ["name"] = name, ["parameters"] = JsonNode.Parse(parametersJson) }),
        });
        return body;
    }

    private static JsonObject WithParameters(string parametersJson, string model = Sonnet) => WithDeclaration(model, "pick", parametersJson);


    [Theory]
    [InlineData(Sonnet, "1", "1")]
    [InlineData(Sonnet, "true", "true")]
    [InlineData(Flash3, "null", "null")]
    [InlineData(Flash3, "2.5", "2.5")]
    public async Task Generate_NonStringEnumValue_GetsTypeStringInvalidValue(string model, string valueJson, string quoted)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var parameters = """{"type": "object", "properties": {"mode": {"type": "string", "enum": ["a", """ + valueJson + "]}}}";

        using var response = await emu.GenerateAsync(WithParameters(parameters, model), await emu.TokenAsync());

        await AssertGoogle400Async(response,
            $"Invalid value at 'request.{Declaration}.parameters.properties[0].value.enum[1]' (TYPE_STRING), {quoted}");
        Assert.Equal("schema-enum", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_NonStringEnumValueWithToggleOff_ReachesTheTypeCheck()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("schemaEnumStrings", false);

        using var response = await emu.GenerateAsync(
            WithParameters("""{"type": "object", "properties": {"n": {"type": "string", "enum": [1, 2]}}}"""), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("""{"type": "object", "properties": {"n": {"type": "integer", "enum": ["1", "2"]}}}""", ".properties[n]")]
    [InlineData("""{"type": "object", "properties": {"n": {"enum": ["a", "b"]}}}""", ".properties[n]")]
    [InlineData("""{"type": "object", "properties": {"list": {"type": "array", "items": {"type": "number", "enum": ["1"]}}}}""", ".properties[list].items")]
    [InlineData("""{"type": "object", "properties": {"v": {"anyOf": [{"type": "string"}, {"type": "boolean", "enum": ["true"]}]}}}""", ".properties[v].any_of[1]")]
    public async Task Generate_EnumOnNonStringType_GetsOnlyAllowedForString(string parameters, string at)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(WithParameters(parameters), await emu.TokenAsync());

        await AssertGoogle400Async(response,
            $"* GenerateContentRequest.{Declaration}.parameters{at}.enum: only allowed for STRING type\n");
        Assert.Equal("schema-enum-type", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_EnumOnNonStringTypeWithToggleOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("schemaEnumStringType", false);

        using var response = await emu.GenerateAsync(
            WithParameters("""{"type": "object", "properties": {"n": {"type": "integer", "enum": ["1", "2"]}}}"""), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_EnumTypeProblemAndUnknownNameLater_ReportsTheParseErrorFirst()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        const string parameters = """{"type": "object", "properties": {"n": {"type": "integer", "enum": ["1"]}, "c": {"const": "x"}}}""";

        using var response = await emu.GenerateAsync(WithParameters(parameters), await emu.TokenAsync());

        await AssertGoogle400Async(response,
            $"Invalid JSON payload received. Unknown name \"const\" at 'request.{Declaration}.parameters.properties[1].value': Cannot find field.");
    }

    [Fact]
    public async Task Generate_StringEnumWithStringType_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(
            WithParameters("""{"type": "OBJECT", "properties": {"n": {"type": "STRING", "enum": ["1", "2"], "description": "One of: 1, 2"}}}"""),
            await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("""{"type": "object", "title": "Args"}""", "")]
    [InlineData("""{"type": "object", "properties": {"path": {"type": "string", "title": "Path"}}}""", ".properties[0].value")]
    public async Task Generate_Title_GetsUnknownName(string parameters, string at)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(WithParameters(parameters), await emu.TokenAsync());

        await AssertGoogle400Async(response,
            $"Invalid JSON payload received. Unknown name \"title\" at 'request.{Declaration}.parameters{at}': Cannot find field.");
    }

    [Fact]
    public async Task Generate_TitleWithToggleOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.SetValidateAsync("schemaTitle", false);

        using var response = await emu.GenerateAsync(
            WithParameters("""{"type": "object", "title": "Args", "properties": {"path": {"type": "string", "title": "Path"}}}"""), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Theory]
    [InlineData("1mcp_server_tool")]
    [InlineData("mcp__a_very_long_server_name__and_an_even_longer_tool_name_that_goes_on_x")]
    public async Task Generate_InvalidFunctionName_FollowsFunctionNamesToggle(string name)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var token = await emu.TokenAsync();
        var body = WithDeclaration(Opus, name, """{"type": "object", "properties": {"a": {"type": "string"}}}""");

        using (var strict = await emu.GenerateAsync(body, token))
        {
            await AssertGoogle400Async(strict, Rejections.InvalidFunctionName(0, 0));
        }

        await emu.SetValidateAsync("functionNames", false);
        using var lenient = await emu.GenerateAsync(body, token);

        await AssertOkAsync(lenient);
    }
}
