using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class CountAndModelsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string CountBody = """{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"How many tokens are in this sentence of moderate length?"}]}""";

    [Theory]
    [InlineData("v1/messages/count_tokens", CountBody)]
    [InlineData("v1/messages/count_tokens?beta=true", """{"model":"claude-sonnet-4-5","tools":[],"messages":[{"role":"user","content":"How many tokens are in this sentence of moderate length?"}]}""")]
    public async Task CountTokens_Anthropic_ReturnsUpstreamCount(string path, string body)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var response = await h.PostAsync(path, body);
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        Assert.True((int)json["input_tokens"]! > 0);
        var call = Assert.Single(await h.GenerateCallsAsync());
        Assert.Equal("countTokens", call.Rpc);
        Assert.Equal(200, call.Status);
    }

    [Fact]
    public async Task CountTokens_UpstreamFails_ReturnsCharsOverFourEstimate()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"countTokens"},"action":{"type":"http","status":500}}""")!.AsObject(), Ct);
        using var response = await h.PostAsync("v1/messages/count_tokens", CountBody);
        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((int)json["input_tokens"]! > 10);
        Assert.All(await h.GenerateCallsAsync(), c => Assert.Equal(500, c.Status));
    }

    [Fact]
    public async Task Models_Default_ReturnsMergedOpenAIAndAnthropicShape()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var json = JsonNode.Parse(await h.Client.GetStringAsync("v1/models", Ct))!;
        Assert.Equal("list", (string)json["object"]!);
        Assert.False((bool)json["has_more"]!);
        var data = json["data"]!.AsArray();
        Assert.Contains(data, m => (string)m!["id"]! == "claude-sonnet-4-5");
        var first = data[0]!;
        Assert.Equal("model", (string)first["object"]!);
        Assert.Equal("model", (string)first["type"]!);
        Assert.True((long)first["created"]! > 0);
        Assert.False(string.IsNullOrEmpty((string?)first["owned_by"]));
        Assert.False(string.IsNullOrEmpty((string?)first["display_name"]));
        Assert.False(string.IsNullOrEmpty((string?)first["created_at"]));
        Assert.Equal((string)first["id"]!, (string)json["first_id"]!);
        Assert.Equal((string)data[^1]!["id"]!, (string)json["last_id"]!);
    }

    [Fact]
    public async Task ModelById_KnownAndUnknown_ItemOrNotFoundInEachShape()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        var item = JsonNode.Parse(await h.Client.GetStringAsync("v1/models/claude-sonnet-4-5", Ct))!;
        var gemini = JsonNode.Parse(await h.Client.GetStringAsync("v1beta/models/gemini-3-flash", Ct))!;
        using var missing = await h.Client.GetAsync("v1/models/no-such-model", Ct);
        using var missingGemini = await h.Client.GetAsync("v1beta/models/no-such-model", Ct);
        using var hello = await h.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "api/hello"), Ct);

        Assert.Equal("claude-sonnet-4-5", (string)item["id"]!);
        Assert.Equal("model", (string)item["type"]!);
        Assert.Equal("models/gemini-3-flash", (string)gemini["name"]!);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-such-model", (string)JsonNode.Parse(await missing.Content.ReadAsStringAsync(Ct))!["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missingGemini.StatusCode);
        Assert.Equal(404, (int)JsonNode.Parse(await missingGemini.Content.ReadAsStringAsync(Ct))!["error"]!["code"]!);
        Assert.Equal(System.Net.HttpStatusCode.OK, hello.StatusCode);
    }

    [Theory]
    [InlineData("v1/models?key=anything", false)]
    [InlineData("v1/models", true)]
    [InlineData("v1beta/models", false)]
    public async Task Models_GeminiClient_ReturnsGeminiShape(string path, bool googHeader)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (googHeader)
        {
            request.Headers.Add("x-goog-api-key", "anything");
        }

        using var response = await h.Client.SendAsync(request, Ct);
        var json = await FrontDoorHarness.JsonAsync(response);
        var models = json["models"]!.AsArray();
        var flash = models.Single(m => (string)m!["name"]! == "models/gemini-3-flash")!;
        Assert.True((int)flash["inputTokenLimit"]! > 0);
        Assert.True((int)flash["outputTokenLimit"]! > 0);
        Assert.Contains("generateContent", flash["supportedGenerationMethods"]!.AsArray().Select(m => (string)m!));
        Assert.False(string.IsNullOrEmpty((string?)flash["displayName"]));
        Assert.Null(json["data"]);
    }
}
