using System.Text.Json.Nodes;
using static Switchyard.Emulator.Tests.Validation.ValidationKit;

namespace Switchyard.Emulator.Tests.Validation;

public sealed class SchemaRulesTests
{
    private const string Parameters = "request.tools[0].function_declarations[1].parameters";

    /// <summary>Envelope with two declarations; the second's parameters are <paramref name="parametersJson"/>.</summary>
    private static JsonObject WithParameters(string parametersJson)
    {
        var body = EmulatorFixture.Envelope(Sonnet);
        body["request"]!["tools"] = new JsonArray(new JsonObject
        {
            ["functionDeclarations"] = new JsonArray(
                new JsonObject { ["name"] = "first", ["parameters"] = new JsonObject { ["type"] = "object" } },
                new JsonObject { ["name"] = "second", ["parameters"] = JsonNode.Parse(parametersJson) }),
        });
        return body;
    }

    [Theory]
    [InlineData("const")]
    [InlineData("$ref")]
    [InlineData("$defs")]
    [InlineData("definitions")]
    [InlineData("$schema")]
    [InlineData("$id")]
    [InlineData("default")]
    [InlineData("examples")]
    [InlineData("additionalProperties")]
    [InlineData("patternProperties")]
    [InlineData("$comment")]
    [InlineData("exclusiveMinimum")]
    [InlineData("oneOf")]
    public async Task Generate_ForbiddenSchemaKeyOnProperty_GetsUnknownNameAtItsPath(string key)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var property = new JsonObject { ["type"] = "string", [key] = "x" };
        var parameters = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["path"] = new JsonObject { ["type"] = "string" }, ["mode"] = property },
        };

        using var response = await emu.GenerateAsync(WithParameters(parameters.ToJsonString()), await emu.TokenAsync());

        await AssertGoogle400Async(response,
            $"Invalid JSON payload received. Unknown name \"{key}\" at '{Parameters}.properties[1].value': Cannot find field.");
        Assert.Equal("schema", await emu.LastOutcomeAsync());
    }

    [Theory]
    [InlineData("""{"type": "object", "$schema": "http://json-schema.org/draft-07/schema#"}""", "\"$schema\" at '" + Parameters + "'")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "array", "items": {"type": "object", "additionalProperties": false}}}}""",
        "\"additionalProperties\" at '" + Parameters + ".properties[0].value.items'")]
    [InlineData("""{"type": "object", "properties": {"a": {"anyOf": [{"type": "string"}, {"type": "integer", "default": 3}]}}}""",
        "\"default\" at '" + Parameters + ".properties[0].value.any_of[1]'")]
    public async Task Generate_ForbiddenKeyNested_ReportsGooglePath(string parametersJson, string named)
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(WithParameters(parametersJson), await emu.TokenAsync());

        await AssertGoogle400Async(response, $"Invalid JSON payload received. Unknown name {named}: Cannot find field.");
    }

    [Fact]
    public async Task Generate_AcceptedSchemaSubset_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        const string parameters = """
            {"type": "OBJECT", "description": "d", "required": ["path"], "propertyOrdering": ["path", "n"],
             "properties": {
               "path": {"type": "string", "format": "uri", "pattern": "^a", "minLength": 1, "maxLength": 9, "nullable": true},
               "n": {"type": "string", "format": "enum", "enum": ["1", "2"]}, "m": {"type": "integer", "minimum": 0, "maximum": 9},
               "list": {"type": "array", "min_items": 1, "maxItems": 3, "items": {"anyOf": [{"type": "string"}, {"type": "number"}]}}}}
            """;

        using var response = await emu.GenerateAsync(WithParameters(parameters), await emu.TokenAsync());

        await AssertOkAsync(response);
    }

    [Fact]
    public async Task Generate_NullType_GetsInvalidTypeValue()
    {
        await using var emu = await EmulatorFixture.StartAsync();

        using var response = await emu.GenerateAsync(
            WithParameters("""{"type": "object", "properties": {"a": {"type": "null"}}}"""), await emu.TokenAsync());

        await AssertGoogle400Async(response,
            $"Invalid value at '{Parameters}.properties[0].value.type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), \"null\"");
    }

    [Fact]
    public async Task Generate_ForbiddenKeyWithSchemaOff_Passes()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        await emu.PatchAsync("""{"validate":{"schema":false}}""");

        using var response = await emu.GenerateAsync(
            WithParameters("""{"type": "object", "properties": {"a": {"const": "x"}}}"""), await emu.TokenAsync());

        await AssertOkAsync(response);
    }
}
