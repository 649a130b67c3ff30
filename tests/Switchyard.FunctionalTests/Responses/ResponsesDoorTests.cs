using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Responses;

/// <summary><c>/v1/responses</c> end to end against the emulator: text, tools, custom tools, parallel calls, JSON schema, images.</summary>
public sealed class ResponsesDoorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Body(string text, string model = "gemini-3-flash") => new()
    {
        ["model"] = model,
        ["input"] = text,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_Text_CompletedResponseWithDecisionHeaders(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var reply = await ResponsesCalls.PostAsync(h, Body("[[emu:text Plain answer]]"), stream);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.Error?.ToJsonString());
        Assert.Equal("completed", (string)reply.Response!["status"]!);
        Assert.Equal("response", (string)reply.Response["object"]!);
        Assert.StartsWith("resp_", (string)reply.Response["id"]!, StringComparison.Ordinal);
        Assert.Equal("gemini-3-flash", (string)reply.Response["model"]!);
        Assert.Equal("Plain answer", reply.Text);
        Assert.True((int)reply.Response["usage"]!["input_tokens"]! > 0);
        Assert.Equal("ada@example.com", reply.Http.Headers.GetValues("X-Account-Email").Single());
        Assert.Equal("gemini-3-flash", reply.Http.Headers.GetValues("X-Mapped-Model").Single());
        Assert.True(reply.Http.Headers.Contains("X-Switchyard-Decision"));
    }

    [Fact]
    public async Task Create_Stream_EventsNumberedFromZeroNamedByTheirTypeEndingCompleted()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var reply = await ResponsesCalls.PostAsync(h, Body("[[emu:text Streamed answer]]"), stream: true);

        Assert.Equal("text/event-stream", reply.Http.Content.Headers.ContentType!.MediaType);
        var data = reply.Events.Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.Equal(Enumerable.Range(0, data.Count), data.Select(d => (int)d["sequence_number"]!));
        Assert.All(reply.Events, e => Assert.Equal(e.EventType, (string)JsonNode.Parse(e.Data)!["type"]!));
        var types = data.Select(d => (string)d["type"]!).ToList();
        Assert.Equal(["response.created", "response.in_progress"], types[..2]);
        Assert.Equal("response.completed", types[^1]);
        Assert.Contains("response.output_text.delta", types);
        Assert.Contains("response.output_item.done", types);
        Assert.Equal("Streamed answer", reply.Text);
    }

    [Fact]
    public async Task Create_RootPathWithoutV1_SameDoor()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var reply = await ResponsesCalls.PostAsync(h, Body("[[emu:text root path]]"), stream: true, path: "responses");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("root path", reply.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_FunctionTool_FunctionCallItemThenOutputAccepted(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = Body("""Read it [[emu:call read_file {"path":"a.txt"}]]""", "claude-sonnet-4-6");
        body["tools"] = new JsonArray(ResponsesCalls.Function("read_file"));

        var reply = await ResponsesCalls.PostAsync(h, body, stream);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.Error?.ToJsonString());
        var call = Assert.Single(reply.DoneItems, i => (string?)i["type"] == "function_call");
        Assert.Equal(("read_file", "completed"), ((string)call["name"]!, (string)call["status"]!));
        Assert.Equal("a.txt", (string)JsonNode.Parse((string)call["arguments"]!)!["path"]!);

        var next = body.DeepClone().AsObject();
        next["input"] = new JsonArray(
            ResponsesCalls.UserText("""Read it [[emu:call read_file {"path":"a.txt"}]]"""),
            call.DeepClone(),
            new JsonObject { ["type"] = "function_call_output", ["id"] = "fco_client_made", ["call_id"] = call["call_id"]!.DeepClone(), ["output"] = "hello from a" });
        var answer = await ResponsesCalls.PostAsync(h, next, stream);

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Error?.ToJsonString());
        Assert.Contains("reply after tool results: read_file (hello from a)", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_CustomTool_CustomToolCallWithFreeFormInput(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = Body("""Patch it [[emu:call apply_patch {"input":"*** Begin Patch\n*** End Patch\n"}]]""", "claude-sonnet-4-6");
        body["tools"] = new JsonArray(new JsonObject
        {
            ["type"] = "custom",
            ["name"] = "apply_patch",
            ["description"] = "Apply a patch. This is a FREEFORM tool.",
            ["format"] = new JsonObject { ["type"] = "grammar", ["syntax"] = "lark", ["definition"] = "start: \"*** Begin Patch\"" },
        });

        var reply = await ResponsesCalls.PostAsync(h, body, stream);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.Error?.ToJsonString());
        var call = Assert.Single(reply.DoneItems, i => (string?)i["type"] == "custom_tool_call");
        Assert.Equal("apply_patch", (string)call["name"]!);
        Assert.Equal("*** Begin Patch\n*** End Patch\n", (string)call["input"]!);
        var declared = (await ResponsesCalls.UpstreamBodiesAsync(h))[0]["request"]!["tools"]![0]!["functionDeclarations"]![0]!;
        Assert.Contains("lark grammar", (string)declared["description"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public async Task Create_TwoCalls_ParallelToolCallsDecidesHowManyReturn(bool parallel, int expected)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = Body("""Both [[emu:call read_file {"path":"a"}]] [[emu:call read_file {"path":"b"}]]""");
        body["tools"] = new JsonArray(ResponsesCalls.Function("read_file"));
        body["parallel_tool_calls"] = parallel;

        var reply = await ResponsesCalls.PostAsync(h, body, stream: true);

        Assert.Equal(expected, reply.DoneItems.Count(i => (string?)i["type"] == "function_call"));
        Assert.Equal(parallel, (bool)reply.Response!["parallel_tool_calls"]!);
    }

    [Fact]
    public async Task Create_JsonSchemaFormat_SentAsResponseSchemaAndEchoed()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = Body("[[emu:text {\"city\":\"Oslo\"}]]");
        body["text"] = new JsonObject
        {
            ["format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["name"] = "place",
                ["strict"] = true,
                ["schema"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } },
                    ["required"] = new JsonArray("city"),
                    ["additionalProperties"] = false,
                },
            },
        };

        var reply = await ResponsesCalls.PostAsync(h, body, stream: false);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.Error?.ToJsonString());
        Assert.Equal("Oslo", (string)JsonNode.Parse(reply.Text)!["city"]!);
        Assert.Equal("json_schema", (string)reply.Response!["text"]!["format"]!["type"]!);
        var generation = (await ResponsesCalls.UpstreamBodiesAsync(h))[0]["request"]!["generationConfig"]!;
        Assert.Equal("application/json", (string)generation["responseMimeType"]!);
        Assert.Equal("city", (string)generation["responseSchema"]!["required"]![0]!);
    }

    [Fact]
    public async Task Create_InputImage_SentUpstreamAsInlineData()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        const string png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        var body = Body("");
        body["input"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "input_text", ["text"] = "[[emu:text I see it]]" },
                new JsonObject { ["type"] = "input_image", ["image_url"] = "data:image/png;base64," + png }),
        });

        var reply = await ResponsesCalls.PostAsync(h, body, stream: false);

        Assert.Equal("I see it", reply.Text);
        var parts = (await ResponsesCalls.UpstreamBodiesAsync(h))[0]["request"]!["contents"]![0]!["parts"]!.AsArray();
        Assert.Contains(parts, p => (string?)p!["inlineData"]?["data"] == png && (string?)p["inlineData"]!["mimeType"] == "image/png");
    }

    [Fact]
    public async Task Create_ImageModel_ImageGenerationCallWithPng()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var reply = await ResponsesCalls.PostAsync(h, Body("A red square [[emu:image]]", "gemini-3.1-flash-image"), stream: true);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.Error?.ToJsonString());
        var image = Assert.Single(reply.DoneItems, i => (string?)i["type"] == "image_generation_call");
        var bytes = Convert.FromBase64String((string)image["result"]!);
        Assert.Equal((byte)0x89, bytes[0]);
        Assert.Equal("image_gen", (string)(await ResponsesCalls.UpstreamBodiesAsync(h))[0]["requestType"]!);
    }

    [Fact]
    public async Task Create_AfterRequests_MetricsAndRequestLogNameTheResponsesProtocol()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await ResponsesCalls.PostAsync(h, Body("[[emu:text counted]]"), stream: true);

        var metrics = await h.Client.GetStringAsync("metrics", Ct);

        Assert.Contains("protocol=\"responses\"", metrics, StringComparison.Ordinal);
    }
}
