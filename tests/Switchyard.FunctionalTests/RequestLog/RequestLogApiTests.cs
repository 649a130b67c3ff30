using System.Net;
using System.Text.Json.Nodes;
using Switchyard.RequestLog;

namespace Switchyard.FunctionalTests.RequestLog;

public sealed class RequestLogApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_AfterEachDoor_ListsRowsWithWhatTheFrontDoorFilled()
    {
        await using var h = await RequestLogHarness.StartAsync();
        using var anthropic = await h.PostAsync("v1/messages", RequestLogHarness.Anthropic);
        using var openai = await h.PostAsync("v1/chat/completions", RequestLogHarness.OpenAI);
        using var gemini = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", RequestLogHarness.Gemini);
        using var bad = await h.PostAsync("v1/messages", "{not json");
        Assert.Equal(HttpStatusCode.OK, anthropic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openai.StatusCode);
        Assert.Equal(HttpStatusCode.OK, gemini.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await h.FlushAsync(4);

        var page = await h.GetJsonAsync("admin/api/requests");

        var items = page["items"]!.AsArray();
        Assert.Equal(4, items.Count);
        Assert.Null(page["next"]);
        var byId = items.ToDictionary(i => (string)i!["id"]!);
        var a = byId[Id(anthropic)]!;
        Assert.Equal(("anthropic", "/v1/messages", 200, "tests"), ((string)a["protocol"]!, (string)a["endpoint"]!, (int)a["status"]!, (string)a["clientKey"]!));
        Assert.NotNull(a["ttfbMs"]);
        Assert.True((double)a["latencyMs"]! >= (double)a["ttfbMs"]!);
        Assert.Null(a["error"]);
        Assert.Equal(("openai", "/v1/chat/completions"), ((string)byId[Id(openai)]!["protocol"]!, (string)byId[Id(openai)]!["endpoint"]!));
        Assert.Equal(("gemini", "/v1beta/models/gemini-3-flash:generateContent"), ((string)byId[Id(gemini)]!["protocol"]!, (string)byId[Id(gemini)]!["endpoint"]!));
        var b = byId[Id(bad)]!;
        Assert.Equal(400, (int)b["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)b["error"]));
        string[] keys = ["id", "startedAt", "protocol", "endpoint", "requestedModel", "mappedModel", "account", "status", "latencyMs", "ttfbMs",
            "inputTokens", "outputTokens", "thinkingTokens", "attempts", "repairs", "error", "stream", "clientKey"];
        Assert.Equal(keys.Order(StringComparer.Ordinal), a.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));

        var errors = (await h.GetJsonAsync("admin/api/requests?errors=true"))["items"]!.AsArray();
        Assert.Equal(Id(bad), (string)Assert.Single(errors)!["id"]!);
        var gem = (await h.GetJsonAsync("admin/api/requests?protocol=gemini"))["items"]!.AsArray();
        Assert.Equal(Id(gemini), (string)Assert.Single(gem)!["id"]!);
    }

    [Fact]
    public async Task RequestById_KnownAndUnknown_ReturnsDetailOr404()
    {
        await using var h = await RequestLogHarness.StartAsync();
        using var response = await h.PostAsync("v1/messages", RequestLogHarness.Anthropic);
        await h.FlushAsync(1);

        var detail = await h.GetJsonAsync("admin/api/requests/" + Id(response));

        Assert.Equal(Id(response), (string)detail["id"]!);
        Assert.IsType<JsonArray>(detail["attempts"]);
        Assert.IsType<JsonArray>(detail["repairs"]);
        Assert.Equal(200, (int)detail["status"]!);
        using var missing = await h.Client.GetAsync("admin/api/requests/0123456789abcdef", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("0123456789abcdef", (string)JsonNode.Parse(await missing.Content.ReadAsStringAsync(Ct))!["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestById_StillInTheWritersWindow_IsFoundWithoutAFlushByTheCaller()
    {
        await using var h = await RequestLogHarness.StartAsync(s => s["RequestLog:FlushIntervalMilliseconds"] = "10000");
        using var response = await h.PostAsync("v1/messages", RequestLogHarness.Anthropic);
        await h.Finished.WaitForAsync(1, Ct);
        Assert.Equal(0, h.Writer.Written); // gathered, not yet written: the window is ten seconds

        var detail = await h.GetJsonAsync("admin/api/requests/" + Id(response));

        Assert.Equal(Id(response), (string)detail["id"]!);
        Assert.Equal(1, h.Writer.Written);
    }

    [Fact]
    public async Task RequestById_WithBodyCapture_ShowsTheAttemptAndTheRedactedBody()
    {
        await using var h = await RequestLogHarness.StartAsync(s => s["RequestLog:CaptureBodies"] = "true");
        var body = JsonNode.Parse(RequestLogHarness.Anthropic)!.AsObject();
        body["system"] = "my token is ya29.not-for-the-log and the key sk-abcdefghijkl";
        using var response = await h.PostAsync("v1/messages", body.ToJsonString());
        await h.FlushAsync(1);

        var detail = await h.GetJsonAsync("admin/api/requests/" + Id(response));
        var captured = (string)detail["requestBody"]!;
        Assert.Contains("claude", captured, StringComparison.Ordinal);
        Assert.DoesNotContain("ya29.not-for-the-log", captured, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-abcdefghijkl", captured, StringComparison.Ordinal);
        var attempt = detail["attempts"]!.AsArray().Single()!;
        Assert.Equal("ok", (string)attempt["outcome"]!);
        Assert.Equal((string)detail["accountEmail"]!, (string)attempt["accountEmail"]!);
        Assert.Equal(response.Headers.GetValues("X-Account-Email").Single(), (string)detail["accountEmail"]!);
        Assert.True((int)detail["outputTokens"]! > 0);
    }

    [Theory]
    [InlineData("admin/api/requests?limit=0")]
    [InlineData("admin/api/requests?from=soon")]
    [InlineData("admin/api/requests?protocol=smtp")]
    [InlineData("admin/api/requests?status=2zz")]
    [InlineData("admin/api/requests?cursor=%27%3B%20DROP%20TABLE%20requests")]
    [InlineData("admin/api/requests?bogus=1")]
    [InlineData("admin/api/requests/not-an-id!")]
    [InlineData("admin/api/stats?by=planet")]
    [InlineData("admin/api/stats?from=2026-07-02T00:00:00Z&to=2026-07-01T00:00:00Z")]
    public async Task Api_BadInput_Returns400WithAMessage(string path)
    {
        await using var h = await RequestLogHarness.StartAsync();

        using var response = await h.Client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]));
    }

    [Fact]
    public async Task Requests_MoreThanALimit_PagesWithTheCursor()
    {
        await using var h = await RequestLogHarness.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var r = await h.PostAsync("v1/messages", RequestLogHarness.Anthropic);
            ids.Add(Id(r));
        }

        await h.FlushAsync(5);
        var seen = new List<string>();
        var path = "admin/api/requests?limit=2";
        for (var pages = 0; pages < 5; pages++)
        {
            var page = await h.GetJsonAsync(path);
            seen.AddRange(page["items"]!.AsArray().Select(i => (string)i!["id"]!));
            if ((string?)page["next"] is not { } next)
            {
                break;
            }

            path = "admin/api/requests?limit=2&cursor=" + Uri.EscapeDataString(next);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task Stats_AfterRequests_HourlySeriesCountsThem()
    {
        await using var h = await RequestLogHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            using var r = await h.PostAsync("v1/messages", RequestLogHarness.Anthropic);
        }

        using var bad = await h.PostAsync("v1/messages", "[]");
        await h.FlushAsync(4);

        var stats = await h.GetJsonAsync("admin/api/stats?by=account");

        var points = stats["series"]!.AsArray().SelectMany(s => s!["points"]!.AsArray()).ToList();
        Assert.Equal(4, points.Sum(p => (long)p!["requests"]!));
        Assert.All(points, p => Assert.Equal(0, p!["hour"]!.GetValue<DateTimeOffset>().Minute));
        Assert.Equal(1, points.Sum(p => (long)p!["errors"]!));
        string[] keys = ["hour", "requests", "errors", "rateLimited", "inputTokens", "outputTokens", "thinkingTokens", "cachedTokens"];
        Assert.Equal(keys.Order(StringComparer.Ordinal), points[0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Live_RequestFinishes_StreamsItsSummary()
    {
        await using var h = await RequestLogHarness.StartAsync();
        using var live = await h.Client.GetAsync("admin/api/requests/live", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", live.Content.Headers.ContentType?.MediaType);
        var stream = await live.Content.ReadAsStreamAsync(Ct);
        await using var events = System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(Ct).GetAsyncEnumerator(Ct);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);

        using var response = await h.PostAsync("v1/messages", RequestLogHarness.Anthropic);
        Assert.True(await events.MoveNextAsync());

        var item = events.Current;
        Assert.Equal("request", item.EventType);
        var summary = JsonNode.Parse(item.Data)!;
        Assert.Equal(Id(response), (string)summary["id"]!);
        Assert.Equal(("anthropic", 200), ((string)summary["protocol"]!, (int)summary["status"]!));
    }

    private static string Id(HttpResponseMessage response) => response.Headers.GetValues(RequestTracing.RequestIdHeader).Single();
}
