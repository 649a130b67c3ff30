using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Protocols.Shared;
using static Switchyard.FunctionalTests.FrontDoors.DoorCalls;

namespace Switchyard.FunctionalTests.FrontDoors;

/// <summary>
/// Tool declarations real clients send, against the strict upstream (issue 15): a pydantic-style schema (titles,
/// <c>$defs</c>, <c>anyOf</c>, integer enums, <c>const</c>), and tool names the upstream refuses (a leading digit, an MCP
/// name over 64 characters), on every door, streamed or not.
/// </summary>
public sealed class StrictToolsTests
{
    private const string LongMcp = "mcp__github_enterprise_server__list_pull_request_review_comments_for_repository";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonNode PydanticSchema = JsonNode.Parse("""
        {"title":"WeatherArgs","type":"object",
         "$defs":{"Unit":{"title":"Unit","enum":["c","f"],"type":"string"},
                  "Where":{"title":"Where","type":"object","properties":{"city":{"title":"City","type":"string"}},"required":["city"]}},
         "properties":{"where":{"$ref":"#/$defs/Where"},"unit":{"$ref":"#/$defs/Unit","default":"c"},
                       "days":{"title":"Days","enum":[1,3,7],"type":"integer"},"mode":{"const":"fast","title":"Mode"},
                       "level":{"anyOf":[{"const":1},{"const":2},{"type":"null"}],"default":null,"title":"Level"},
                       "flags":{"title":"Flags","type":"array","items":{"enum":[true,false]}}},
         "required":["where","days","mode"]}
        """)!;

    public static TheoryData<string, string, bool> DoorsModelsStream()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var door in Doors)
        {
            foreach (var model in new[] { "claude-sonnet-4-6", "gemini-3-flash" })
            {
                data.Add(door, model, false);
            }

            data.Add(door, "claude-opus-4-6-thinking", true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DoorsModelsStream))]
    public async Task PydanticSchema_AcceptedByTheStrictUpstreamOnEveryDoor(string door, string model, bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var (path, body) = Request(door, model, [("get_weather", PydanticSchema)],
            """[[emu:call get_weather {"where":{"city":"Paris"},"days":3,"mode":"fast"}]]""", stream);

        using var response = await h.PostAsync(path, body);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["get_weather"], await CallNamesAsync(door, response, stream));
        var call = Assert.Single(await h.GenerateCallsAsync());
        Assert.Equal(200, call.Status);
        var parameters = JsonNode.Parse(call.Body!)!["request"]!["tools"]![0]!["functionDeclarations"]![0]!["parameters"]!.ToJsonString();
        Assert.DoesNotContain("\"title\"", parameters, StringComparison.Ordinal);
        Assert.Contains("(one of: 1, 3, 7)", parameters, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> DoorsStreamed()
    {
        var data = new TheoryData<string, bool>();
        foreach (var door in Doors)
        {
            data.Add(door, false);
            data.Add(door, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DoorsStreamed))]
    public async Task InvalidToolNames_SentValidAndMappedBackInTheReply(string door, bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var schema = JsonNode.Parse("""{"type":"object","properties":{"q":{"type":"string"}}}""")!;
        var prompt = $$"""[[emu:call {{ToolNames.ToUpstream(LongMcp)}} {"q":"a"}]] [[emu:call {{ToolNames.ToUpstream("1password_lookup")}} {"q":"b"}]]""";
        var (path, body) = Request(door, "claude-sonnet-4-6", [("1password_lookup", schema), (LongMcp, schema)], prompt, stream);

        using var response = await h.PostAsync(path, body);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal([LongMcp, "1password_lookup"], await CallNamesAsync(door, response, stream));
        var call = Assert.Single(await h.GenerateCallsAsync());
        var declared = JsonNode.Parse(call.Body!)!["request"]!["tools"]![0]!["functionDeclarations"]!.AsArray().Select(d => (string)d!["name"]!).ToList();
        Assert.Equal(["_1password_lookup", ToolNames.ToUpstream(LongMcp)], declared);
        Assert.All(declared, n => Assert.True(n.Length <= 64));
    }

    /// <summary>The client's names in the history reach the upstream as the names it declared; the second turn is accepted.</summary>
    [Fact]
    public async Task Messages_InvalidToolNameInHistory_SentAsTheDeclaredNameAndAccepted()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = JsonNode.Parse("""
            {"model":"claude-sonnet-4-6","max_tokens":1024,
             "tools":[{"name":"MCP_NAME","input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}],
             "messages":[{"role":"user","content":"go"},
               {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"MCP_NAME","input":{"q":"a"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"found"}]}]}
            """.Replace("MCP_NAME", LongMcp, StringComparison.Ordinal))!;

        using var response = await h.PostAsync("v1/messages", body.ToJsonString());

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var sent = JsonNode.Parse(Assert.Single(await h.GenerateCallsAsync()).Body!)!["request"]!;
        var mapped = ToolNames.ToUpstream(LongMcp);
        Assert.Equal(mapped, (string?)sent["contents"]![1]!["parts"]![0]!["functionCall"]!["name"]);
        Assert.Equal(mapped, (string?)sent["contents"]![2]!["parts"]![0]!["functionResponse"]!["name"]);
    }
}
