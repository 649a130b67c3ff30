using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.FunctionalTests.FrontDoors;
using Switchyard.RequestLog;

namespace Switchyard.FunctionalTests.RequestLog;

/// <summary>The prompt-cache hit rate (issue 19), computed from the emulator's cachedContentTokenCount.</summary>
public sealed class PromptCacheRateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Turns(params string[] turns)
    {
        var contents = new JsonArray();
        for (var i = 0; i < turns.Length; i++)
        {
            contents.Add((JsonNode)new JsonObject { ["role"] = i % 2 == 0 ? "user" : "model", ["parts"] = new JsonArray { (JsonNode)new JsonObject { ["text"] = turns[i] } } });
        }

        return new JsonObject
        {
            ["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray { (JsonNode)new JsonObject { ["text"] = new string('s', 6000) } } },
            ["contents"] = contents,
        }.ToJsonString();
    }

    [Fact]
    public async Task RepeatedPrefix_HitRatePerAccountAndSessionInAdminApiAndMetrics()
    {
        var finished = new CountingSink();
        await using var h = await FrontDoorHarness.StartAsync([new Emulator.State.AccountSeed
        {
            Email = Accounts.AccountsHarness.Ada, Name = "Ada Lovelace", Tier = "ULTRA", RefreshToken = Accounts.AccountsHarness.AdaRefresh,
        }], services: s => s.AddSingleton<IRequestSink>(finished));
        var question = "[[emu:text first answer]] " + new string('q', 400);

        using var first = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", Turns(question));
        using var second = await h.PostAsync("v1beta/models/gemini-3-flash:generateContent", Turns(question, "first answer", "[[emu:text more]] and then?"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var usage1 = (await FrontDoorHarness.JsonAsync(first))["usageMetadata"]!;
        var usage2 = (await FrontDoorHarness.JsonAsync(second))["usageMetadata"]!;
        Assert.Null(usage1["cachedContentTokenCount"]);
        var cached = (int)usage2["cachedContentTokenCount"]!;
        Assert.True(cached >= 1500, usage2.ToJsonString());
        var prompt = (int)usage1["promptTokenCount"]! + (int)usage2["promptTokenCount"]!;
        var expected = Math.Round((double)cached / prompt, 4);

        await finished.WaitForAsync(2, Ct);
        using var response = await h.Client.GetAsync("admin/api/cache", Ct);
        var cache = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var account = Assert.Single(cache["accounts"]!.AsArray())!;
        Assert.Equal(Accounts.AccountsHarness.Ada, (string?)account["key"]);
        Assert.Equal(expected, (double)account["hitRate"]!, 4);
        var session = Assert.Single(cache["sessions"]!.AsArray())!;
        Assert.Equal(2, (int)session["requests"]!);
        Assert.Equal(expected, (double)session["hitRate"]!, 4);

        var metrics = await h.Client.GetStringAsync("metrics", Ct);
        Assert.Contains($"switchyard_prompt_cache_hit_ratio{{account=\"{Accounts.AccountsHarness.Ada}\"}} {expected.ToString(System.Globalization.CultureInfo.InvariantCulture)}", metrics, StringComparison.Ordinal);
    }
}
