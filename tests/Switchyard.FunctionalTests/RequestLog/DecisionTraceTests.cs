using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.FunctionalTests.FrontDoors;
using Switchyard.RequestLog;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;

namespace Switchyard.FunctionalTests.RequestLog;

/// <summary>The scheduler's reasoning kept per request in the request log (issue 19), read through the admin API.</summary>
public sealed class DecisionTraceTests
{
    [Fact]
    public async Task Request_SkippingACoolingAccount_TraceInTheRequestLogAndTheHeaderStaysCompact()
    {
        var finished = new CountingSink();
        await using var h = await FrontDoorHarness.StartAsync(Pool(2), s => s["Scheduling:Strategy"] = "sticky", services => services.AddSingleton<IRequestSink>(finished));
        using var warm = await h.PostAsync("v1/messages", Messages("[[emu:text hi]]", "s1"));
        var cooled = Email(warm);
        await finished.WaitForAsync(1, Ct);
        await h.AddFaultAsync($$$"""{"match":{"email":"{{{cooled}}}"},"times":1,"action":{"type":"rateLimit","retryDelay":"120s"}}""");
        using var moved = await h.PostAsync("v1/messages", Messages("[[emu:text moved]]", "s1"));
        Assert.NotEqual(cooled, Email(moved));

        using var response = await h.PostAsync("v1/messages", Messages("[[emu:text fresh]]", "s2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("skip", response.Headers.GetValues("X-Switchyard-Decision").Single(), StringComparison.Ordinal);
        await finished.WaitForAsync(3, Ct);
        await h.App.Services.GetRequiredService<RequestLogWriter>().FlushAsync(Ct);
        var cooledId = (string)(await h.Accounts.ListAsync()).Single(a => (string)a!["email"]! == cooled)!["id"]!;
        var detail = await DetailAsync(h, response);
        var pick = Assert.Single(detail["trace"]!["picks"]!.AsArray())!;
        Assert.Equal("Selected", (string?)pick["outcome"]);
        Assert.Equal(Email(response), (string?)pick["accountEmail"]);
        Assert.Equal("antigravity", (string?)pick["pool"]);
        Assert.True(pick["items"]!.AsArray().Any(i => ((string)i!["text"]!).StartsWith($"skip {cooledId}: cooling", StringComparison.Ordinal)), pick.ToJsonString());
        Assert.Equal("ok", (string?)Assert.Single(detail["attempts"]!.AsArray())!["outcome"]);

        // The scheduler's structured reasoning: every candidate, the cooling one skipped with its time left.
        var details = pick["details"]!;
        Assert.Equal("sticky", (string?)details["strategy"]);
        Assert.Equal("new", (string?)details["session"]!["binding"]);
        var candidates = details["candidates"]!.AsArray();
        Assert.Equal(2, candidates.Count);
        var skipped = candidates.Single(c => (string?)c!["accountId"] == cooledId)!;
        Assert.Equal("cooling", (string?)skipped["skip"]);
        Assert.InRange((double)skipped["cooldownSeconds"]!, 1, 120);
        Assert.Equal("picked", (string?)candidates.Single(c => (string?)c!["accountId"] != cooledId)!["status"]);

        // The request that met the 429 keeps both picks: the bound account, then the rotation away from it.
        var movedDetail = await DetailAsync(h, moved);
        var picks = movedDetail["trace"]!["picks"]!.AsArray();
        Assert.Equal(2, picks.Count);
        Assert.Equal(cooled, (string?)picks[0]!["accountEmail"]);
        Assert.Equal(2, movedDetail["attempts"]!.AsArray().Count);

        // The session moved off the account its prompt cache was on: the expected cost is the last request's prompt.
        var move = movedDetail["trace"]!["cacheMove"]!;
        Assert.Equal(cooledId, (string?)move["fromAccountId"]);
        Assert.Equal((string?)picks[1]!["accountId"], (string?)move["toAccountId"]);
        Assert.True((int)move["expectedLostTokens"]! > 0);
        Assert.Null(detail["trace"]!["cacheMove"]);
    }

    private static async Task<JsonNode> DetailAsync(FrontDoorHarness h, HttpResponseMessage response)
    {
        var id = response.Headers.GetValues("X-Request-Id").Single();
        using var detail = await h.Client.GetAsync("admin/api/requests/" + id, Ct);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        return JsonNode.Parse(await detail.Content.ReadAsStringAsync(Ct))!;
    }
}
