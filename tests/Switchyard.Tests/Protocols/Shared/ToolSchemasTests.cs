using System.Text.Json.Nodes;
using Switchyard.Models;
using Switchyard.Protocols.Shared;

#pragma warning disable CA1716 // folder = namespace; "Shared" mirrors src/Switchyard/Protocols/Shared
namespace Switchyard.Tests.Protocols.Shared;
#pragma warning restore CA1716

public sealed class ToolSchemasTests
{
    private static readonly ModelRoute Claude = new("c", "claude-sonnet-4-6", ModelFamily.Claude, "claude", Thinking: false);
    private static readonly ModelRoute Gemini = new("g", "gemini-3-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true, Gemini3: true);

    private static JsonNode? Clean(string schema, ModelRoute? route = null) =>
        ToolSchemas.ForUpstream(JsonNode.Parse(schema), route ?? Gemini);

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    [Fact]
    public void ForUpstream_Const_BecomesTypedEnum()
    {
        AssertJson("""{"type":"object","properties":{"m":{"enum":["text"],"type":"string"}}}""",
            Clean("""{"type":"object","properties":{"m":{"const":"text"}}}"""));
    }

    [Fact]
    public void ForUpstream_RefIntoDefs_InlinedWithSiblingDescription()
    {
        AssertJson("""{"type":"object","properties":{"p":{"type":"object","properties":{"x":{"type":"integer"}},"description":"point"}}}""",
            Clean("""{"type":"object","$defs":{"P":{"type":"object","properties":{"x":{"type":"integer"}}}},"properties":{"p":{"$ref":"#/$defs/P","description":"point"}}}"""));
    }

    [Fact]
    public void ForUpstream_RefIntoDefinitions_Inlined()
    {
        AssertJson("""{"type":"object","properties":{"s":{"type":"string"}}}""",
            Clean("""{"type":"object","definitions":{"S":{"type":"string"}},"properties":{"s":{"$ref":"#/definitions/S"}}}"""));
    }

    [Fact]
    public void ForUpstream_RecursiveRef_StopsWithHint()
    {
        var cleaned = Clean("""{"$defs":{"Node":{"type":"object","properties":{"child":{"$ref":"#/$defs/Node"}}}},"$ref":"#/$defs/Node"}""")!;

        Assert.Equal("object", (string?)cleaned["type"]);
        var child = cleaned["properties"]!["child"]!;
        Assert.Equal("object", (string?)child["type"]);
        Assert.Equal("(recursive reference: #/$defs/Node)", (string?)child["description"]);
        Assert.Null(child["properties"]);
    }

    [Fact]
    public void ForUpstream_UnresolvableRef_ObjectWithHint()
    {
        var cleaned = Clean("""{"type":"object","properties":{"x":{"$ref":"https://example.com/s.json"}}}""")!;
        Assert.Equal("(unresolved reference: https://example.com/s.json)", (string?)cleaned["properties"]!["x"]!["description"]);
    }

    [Fact]
    public void ForUpstream_UnsupportedKeys_RemovedAndMeaningfulOnesHinted()
    {
        AssertJson("""{"type":"object","properties":{"n":{"type":"integer","description":"Count (default: 3) (examples: [1,2]) (exclusiveMinimum: 0)"}}}""",
            Clean("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","$comment":"c","type":"object",
                 "additionalProperties":false,"patternProperties":{"^a":{"type":"string"}},
                 "properties":{"n":{"type":"integer","description":"Count","default":3,"examples":[1,2],"exclusiveMinimum":0}}}
                """));
    }

    [Fact]
    public void ForUpstream_AcceptedKeys_Kept()
    {
        const string schema = """
            {"type":"object","description":"d","propertyOrdering":["a","b"],"required":["a"],
             "properties":{"a":{"type":"string","minLength":1,"maxLength":9,"pattern":"^x","nullable":true,"enum":["x1","x2"]},
                           "b":{"type":"array","items":{"type":"number","minimum":0,"maximum":1},"minItems":1,"maxItems":3}}}
            """;
        AssertJson(schema, Clean(schema));
    }

    [Fact]
    public void ForUpstream_TypeArrayWithNull_TypePlusNullable()
    {
        AssertJson("""{"type":"string","nullable":true}""", Clean("""{"type":["string","null"]}"""));
    }

    [Fact]
    public void ForUpstream_TypeArrayWithSeveralTypes_FirstTypeAndHint()
    {
        AssertJson("""{"type":"string","description":"(accepts: string | number)"}""", Clean("""{"type":["string","number"]}"""));
    }

    [Fact]
    public void ForUpstream_AllOf_Merged()
    {
        AssertJson("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a","b"]}""",
            Clean("""{"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},{"properties":{"b":{"type":"integer"}},"required":["b"]}]}"""));
    }

    [Fact]
    public void ForUpstream_AnyOfWithNull_InlinedAsNullable()
    {
        AssertJson("""{"description":"d","nullable":true,"type":"string"}""", Clean("""{"description":"d","anyOf":[{"type":"string"},{"type":"null"}]}"""));
    }

    [Fact]
    public void ForUpstream_OneOf_BecomesAnyOf()
    {
        AssertJson("""{"anyOf":[{"type":"string"},{"type":"integer","description":"(default: 1)"}]}""",
            Clean("""{"oneOf":[{"type":"string"},{"type":"integer","default":1,"$comment":"x"}]}"""));
    }

    [Fact]
    public void ForUpstream_RequiredNotInProperties_Removed()
    {
        AssertJson("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""",
            Clean("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a","ghost"]}"""));
        AssertJson("""{"type":"object","properties":{"a":{"type":"string"}}}""",
            Clean("""{"type":"object","properties":{"a":{"type":"string"}},"required":["ghost"]}"""));
    }

    [Theory]
    [InlineData("uri", false)]
    [InlineData("email", false)]
    [InlineData("date-time", true)]
    [InlineData("enum", true)]
    public void ForUpstream_StringFormat_KeptOnlyWhenSupported(string format, bool kept)
    {
        var cleaned = Clean($$"""{"type":"string","format":"{{format}}"}""")!;
        Assert.Equal(kept ? format : null, (string?)cleaned["format"]);
        Assert.Equal(kept ? null : $"(format: {format})", (string?)cleaned["description"]);
    }

    [Fact]
    public void ForUpstream_ClaudeEmptyObject_GetsPlaceholderProperty()
    {
        var cleaned = ToolSchemas.ForUpstream(JsonNode.Parse("""{"type":"object","properties":{"o":{"type":"object"}}}"""), Claude)!;
        Assert.Equal("boolean", (string?)cleaned["properties"]!["o"]!["properties"]![ToolSchemas.PlaceholderProperty]!["type"]);
        Assert.Null(cleaned["properties"]!["o"]!["required"]);
    }

    [Fact]
    public void ForUpstream_GeminiEmptyObject_NoPlaceholder()
    {
        AssertJson("""{"type":"object","properties":{}}""", Clean("""{"type":"object","properties":{}}"""));
    }

    [Fact]
    public void ForUpstream_ClaudeTopLevelNonObject_Wrapped()
    {
        AssertJson("""{"type":"object","properties":{"input":{"type":"string"}},"required":["input"]}""",
            ToolSchemas.ForUpstream(JsonNode.Parse("""{"type":"string"}"""), Claude));
    }

    [Fact]
    public void ForUpstream_TopLevelPropertiesWithoutType_BecomesObject()
    {
        AssertJson("""{"properties":{"a":{"type":"string"}},"type":"object"}""", Clean("""{"properties":{"a":{"type":"string"}}}"""));
    }

    [Fact]
    public void ForUpstream_NullSchema_ClaudePlaceholderGeminiNull()
    {
        Assert.Null(ToolSchemas.ForUpstream(null, Gemini));
        var claude = ToolSchemas.ForUpstream(null, Claude)!;
        Assert.Equal("object", (string?)claude["type"]);
        Assert.NotNull(claude["properties"]![ToolSchemas.PlaceholderProperty]);
    }

    [Fact]
    public void ForUpstream_PropertyNamedLikeKeyword_Kept()
    {
        AssertJson("""{"type":"object","properties":{"default":{"type":"string"},"$ref":{"type":"string"}}}""",
            Clean("""{"type":"object","properties":{"default":{"type":"string"},"$ref":{"type":"string"}}}"""));
    }

    [Fact]
    public void ForUpstream_Input_NotMutated()
    {
        const string text = """{"type":"object","$defs":{"A":{"const":1}},"properties":{"a":{"$ref":"#/$defs/A"},"b":{"type":["string","null"],"default":"x"}},"required":["zzz"]}""";
        var input = JsonNode.Parse(text);
        _ = ToolSchemas.ForUpstream(input, Claude);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), input));
    }

    [Fact]
    public void ForUpstream_AllOfMergedIntoOwnPropertiesAndNullableType_InputNotMutated()
    {
        const string text = """
            {"type":"object","properties":{"a":{"type":["string","null"]}},"required":["a"],
             "allOf":[{"properties":{"b":{"type":"integer"}},"required":["b"]}],"anyOf":[{"required":["a"]},{"type":"null"}]}
            """;
        var input = JsonNode.Parse(text);

        var cleaned = ToolSchemas.ForUpstream(input, Gemini);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), input));
        AssertJson("""{"type":"object","properties":{"a":{"type":"string","nullable":true},"b":{"type":"integer"}},"required":["a","b"],"nullable":true}""", cleaned);
    }

    [Fact]
    public void ForUpstream_RequiredRepeated_KeptOnce()
    {
        AssertJson("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""",
            Clean("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a","a"]}"""));
    }

    [Fact]
    public void ForUpstream_TitleRepeatingThePropertyName_Dropped()
    {
        AssertJson("""{"type":"object","properties":{"max_temp":{"type":"number"}}}""",
            Clean("""{"type":"object","properties":{"max_temp":{"type":"number","title":"Max Temp"}}}"""));
    }

    [Fact]
    public void ForUpstream_TitleWithMeaning_FoldedIntoTheDescription()
    {
        AssertJson("""{"type":"object","description":"WeatherArgs","properties":{"u":{"type":"string","description":"Temperature unit: C or F"},"v":{"type":"string","description":"Speed in km/h"}}}""",
            Clean("""{"type":"object","title":"WeatherArgs","properties":{"u":{"type":"string","title":"Temperature unit","description":"C or F"},"v":{"type":"string","title":"Speed","description":"Speed in km/h"}}}"""));
    }

    [Fact]
    public void ForUpstream_StringEnumWithoutType_TypedString()
    {
        AssertJson("""{"enum":["c","f"],"type":"string"}""", Clean("""{"enum":["c","f"]}"""));
    }

    [Fact]
    public void ForUpstream_EnumWithNull_StringsKeptAndNullable()
    {
        AssertJson("""{"enum":["c","f"],"type":"string","nullable":true}""", Clean("""{"enum":["c",null,"f"]}"""));
    }

    [Theory]
    [InlineData("""{"type":"integer","enum":[1,3,7]}""", """{"type":"integer","description":"(one of: 1, 3, 7)"}""")]
    [InlineData("""{"enum":[1,3,7]}""", """{"type":"integer","description":"(one of: 1, 3, 7)"}""")]
    [InlineData("""{"enum":[1,2.5]}""", """{"type":"number","description":"(one of: 1, 2.5)"}""")]
    [InlineData("""{"enum":[true,false],"description":"Flag"}""", """{"type":"boolean","description":"Flag (one of: true, false)"}""")]
    [InlineData("""{"const":5}""", """{"type":"integer","description":"(must be: 5)"}""")]
    [InlineData("""{"const":"fast"}""", """{"type":"string","enum":["fast"]}""")]
    public void ForUpstream_NonStringEnumOrConst_IntoTheDescriptionWithTheValuesType(string schema, string expected)
    {
        AssertJson(expected, Clean(schema));
    }

    [Fact]
    public void ForUpstream_PydanticSchema_NoTitleNoNonStringEnumNoUnknownKeyAnywhere()
    {
        var cleaned = Clean("""
            {"title":"WeatherArgs","type":"object","$defs":{"Unit":{"title":"Unit","enum":["c","f"],"type":"string"},
              "Where":{"title":"Where","type":"object","properties":{"city":{"title":"City","type":"string"}},"required":["city"]}},
             "properties":{"where":{"$ref":"#/$defs/Where"},"unit":{"$ref":"#/$defs/Unit","default":"c"},
              "days":{"title":"Days","enum":[1,3,7],"type":"integer"},"mode":{"const":"fast","title":"Mode"},
              "level":{"anyOf":[{"const":1},{"const":2},{"type":"null"}],"title":"Level"},
              "note":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Note"}},
             "required":["where","days","mode"]}
            """, Claude)!;

        foreach (var node in Walk(cleaned))
        {
            Assert.False(node.ContainsKey("title"), node.ToJsonString());
            Assert.False(node.ContainsKey("const") || node.ContainsKey("$ref") || node.ContainsKey("$defs") || node.ContainsKey("default"), node.ToJsonString());
            if (node["enum"] is JsonArray values)
            {
                Assert.Equal("string", (string?)node["type"]);
                Assert.All(values, v => Assert.Equal(System.Text.Json.JsonValueKind.String, v!.GetValueKind()));
            }
        }

        Assert.Equal("(one of: 1, 3, 7)", (string?)cleaned["properties"]!["days"]!["description"]);
    }

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            yield return o;
            foreach (var (_, child) in o)
            {
                foreach (var inner in Walk(child))
                {
                    yield return inner;
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                foreach (var inner in Walk(child))
                {
                    yield return inner;
                }
            }
        }
    }
}
