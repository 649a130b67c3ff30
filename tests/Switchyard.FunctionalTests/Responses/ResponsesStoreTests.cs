using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Responses;

/// <summary>Stored responses: <c>previous_response_id</c>, <c>GET</c>/<c>DELETE</c>, expiry and the row cap.</summary>
public sealed class ResponsesStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Body(string text, string? previous = null)
    {
        var body = new JsonObject { ["model"] = "gemini-3-flash", ["input"] = text };
        if (previous is not null)
        {
            body["previous_response_id"] = previous;
        }

        return body;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_PreviousResponseId_ConversationSentAgainBeforeTheNewInput(bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var first = await ResponsesCalls.PostAsync(h, Body("[[emu:text The code word is heron.]]"), stream);
        var id = (string)first.Response!["id"]!;
        Assert.True((bool)first.Response["store"]!);

        var second = await ResponsesCalls.PostAsync(h, Body("[[emu:text Noted.]] What was the code word?", id), stream);

        Assert.True(second.Status == HttpStatusCode.OK, second.Error?.ToJsonString());
        Assert.Equal(id, (string)second.Response!["previous_response_id"]!);
        var contents = (await ResponsesCalls.UpstreamBodiesAsync(h))[^1]["request"]!["contents"]!.AsArray();
        Assert.Equal(["user", "model", "user"], contents.Select(c => (string)c!["role"]!));
        Assert.Equal("The code word is heron.", (string)contents[1]!["parts"]![0]!["text"]!);
    }

    [Fact]
    public async Task Get_StoredResponse_SameObjectAndDeleteRemovesIt()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var created = await ResponsesCalls.PostAsync(h, Body("[[emu:text kept]]"), stream: false);
        var id = (string)created.Response!["id"]!;

        var fetched = JsonNode.Parse(await h.Client.GetStringAsync($"v1/responses/{id}", Ct))!;
        using var deleted = await h.Client.DeleteAsync($"v1/responses/{id}", Ct);
        using var gone = await h.Client.GetAsync($"v1/responses/{id}", Ct);

        Assert.Equal(created.Response.ToJsonString(), fetched.ToJsonString());
        Assert.True((bool)(await FrontDoorHarness.JsonAsync(deleted))["deleted"]!);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Create_StoreFalse_NotKept()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = Body("[[emu:text not kept]]");
        body["store"] = false;
        var created = await ResponsesCalls.PostAsync(h, body, stream: true);

        var next = await ResponsesCalls.PostAsync(h, Body("again", (string)created.Response!["id"]!), stream: false);

        Assert.False((bool)created.Response["store"]!);
        Assert.Equal(HttpStatusCode.BadRequest, next.Status);
        Assert.Equal("previous_response_not_found", (string)next.Error!["error"]!["code"]!);
    }

    [Fact]
    public async Task Create_PreviousResponseExpired_400SaysExpired()
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["Responses:StoreRetentionHours"] = "1");
        var created = await ResponsesCalls.PostAsync(h, Body("[[emu:text soon gone]]"), stream: false);
        h.Accounts.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var next = await ResponsesCalls.PostAsync(h, Body("again", (string)created.Response!["id"]!), stream: false);

        Assert.Equal(HttpStatusCode.BadRequest, next.Status);
        Assert.Equal("previous_response_id", (string)next.Error!["error"]!["param"]!);
        Assert.Contains("has expired", (string)next.Error["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RowCapReached_OldestResponseDropped()
    {
        await using var h = await FrontDoorHarness.StartAsync(s => s["Responses:StoreMaxRows"] = "2");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((string)(await ResponsesCalls.PostAsync(h, Body($"[[emu:text answer {i}]]"), stream: false)).Response!["id"]!);
            h.Accounts.Time.Advance(TimeSpan.FromSeconds(1));
        }

        using var oldest = await h.Client.GetAsync($"v1/responses/{ids[0]}", Ct);
        using var newest = await h.Client.GetAsync($"v1/responses/{ids[2]}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, oldest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(h.Accounts.DataDir, "responses.db")));
        }
    }
}
