using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.FunctionalTests.RequestLog;
using Switchyard.RequestLog;

namespace Switchyard.FunctionalTests.FrontDoors;

/// <summary>
/// Background downgrade (issue 22): Claude Code's background calls (a title or summary prompt, its small fast model) go to
/// Background:Model; the conversation itself keeps its model; one setting turns it off.
/// </summary>
public sealed class BackgroundDowngradeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Claude Code's summary call, as it sends it: ?beta=true, its small model, a system prompt, no tools.</summary>
    private static string SummaryCall(string model) => new JsonObject
    {
        ["model"] = model,
        ["max_tokens"] = 512,
        ["stream"] = false,
        ["system"] = new JsonArray { (JsonNode)new JsonObject { ["type"] = "text", ["text"] = "You are Claude Code, Anthropic's official CLI for Claude." } },
        ["messages"] = new JsonArray
        {
            (JsonNode)new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray { (JsonNode)new JsonObject { ["type"] = "text", ["text"] = "Summarize this coding conversation in under 50 characters. [[emu:text Fix login bug]]" } },
            },
        },
    }.ToJsonString();

    private static string Conversation => """{"model":"claude-sonnet-4-5","max_tokens":256,"tools":[{"name":"Bash","description":"run","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}}],"messages":[{"role":"user","content":"[[emu:text working]]"}]}""";

    [Fact]
    public async Task ClaudeCodeSummaryCall_GoesToTheConfiguredModel_InHeaderAndRequestLog()
    {
        var finished = new CountingSink();
        await using var h = await FrontDoorHarness.StartAsync([AccountsOf()], s => s["Background:Model"] = "gemini-3-flash", services => services.AddSingleton<IRequestSink>(finished));

        using var response = await h.PostAsync("v1/messages?beta=true", SummaryCall("claude-sonnet-4-5"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gemini-3-flash", response.Headers.GetValues("X-Mapped-Model").Single());
        Assert.Equal("gemini-3-flash", Assert.Single(await h.GenerateCallsAsync()).Model);
        await finished.WaitForAsync(1, Ct);
        await h.App.Services.GetRequiredService<RequestLogWriter>().FlushAsync(Ct);
        using var detail = await h.Client.GetAsync("admin/api/requests/" + response.Headers.GetValues("X-Request-Id").Single(), Ct);
        var row = JsonNode.Parse(await detail.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(("claude-sonnet-4-5", "gemini-3-flash"), ((string?)row["requestedModel"], (string?)row["mappedModel"]));
        Assert.Contains("Summarize this coding conversation", (string?)row["trace"]!["background"], StringComparison.Ordinal);
        Assert.Equal("claude-sonnet-4-5", (string?)row["trace"]!["backgroundFrom"]);
    }

    [Fact]
    public async Task SmallModelRequest_GoesToTheConfiguredModelAndTheConversationKeepsItsModel()
    {
        await using var h = await FrontDoorHarness.StartAsync([AccountsOf()], s => s["Background:Model"] = "gemini-3-flash");

        using var small = await h.PostAsync("v1/messages", """{"model":"claude-haiku-4-5-20251001","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text yes]]"}]}""");
        using var main = await h.PostAsync("v1/messages", Conversation);

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.OK, main.StatusCode);
        Assert.Equal("gemini-3-flash", small.Headers.GetValues("X-Mapped-Model").Single());
        Assert.StartsWith("claude-sonnet", main.Headers.GetValues("X-Mapped-Model").Single(), StringComparison.Ordinal);
        Assert.Equal(["gemini-3-flash", main.Headers.GetValues("X-Mapped-Model").Single()], (await h.GenerateCallsAsync()).Select(c => c.Model));
    }

    [Fact]
    public async Task BackgroundOff_SummaryCallKeepsItsModel()
    {
        await using var h = await FrontDoorHarness.StartAsync([AccountsOf()], s => s["Background:Enabled"] = "false");

        using var response = await h.PostAsync("v1/messages?beta=true", SummaryCall("claude-haiku-4-5"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("claude-sonnet", response.Headers.GetValues("X-Mapped-Model").Single(), StringComparison.Ordinal);
    }

    private static Emulator.State.AccountSeed AccountsOf() => new()
    {
        Email = Accounts.AccountsHarness.Ada, Name = "Ada Lovelace", Tier = "ULTRA", RefreshToken = Accounts.AccountsHarness.AdaRefresh,
    };
}
