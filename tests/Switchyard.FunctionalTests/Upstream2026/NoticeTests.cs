using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;
using static Switchyard.FunctionalTests.Upstream2026.Kit2026;

namespace Switchyard.FunctionalTests.Upstream2026;

/// <summary>200 answers that are the upstream speaking (upstream-2026 §4.1, §6.3): never passed to a client as a completion.</summary>
public sealed class NoticeTests
{
    private const string OldVersion = "antigravity/1.18.3 linux/x64";

    public static TheoryData<string, bool> Protocols => new()
    {
        { "anthropic", false }, { "anthropic", true },
        { "openai", false }, { "openai", true },
        { "gemini", false }, { "gemini", true },
    };

    private static (string Path, string Body) Request(string protocol, bool stream, string text) => protocol switch
    {
        "anthropic" => ("v1/messages", Body("claude-sonnet-4-5", text, stream: stream)),
        "openai" => ("v1/chat/completions", new JsonObject
        {
            ["model"] = "gemini-3-flash",
            ["stream"] = stream,
            ["messages"] = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = text } },
        }.ToJsonString()),
        _ => ($"v1beta/models/gemini-3-flash:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}",
            new JsonObject { ["contents"] = new JsonArray { new JsonObject { ["role"] = "user", ["parts"] = new JsonArray { new JsonObject { ["text"] = text } } } } }.ToJsonString()),
    };

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task VersionNotice_ReachesTheClientAsAnErrorNamingTheSetting(string protocol, bool stream)
    {
        var (h, _) = await StartAsync(Pool(1), s => s["Upstream:UserAgent"] = OldVersion);
        await using var _h = h;
        var (path, body) = Request(protocol, stream, "[[emu:text a real answer]]");

        using var response = await h.PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var message = (string?)JsonNode.Parse(text)!["error"]!["message"];
        Assert.Contains("Upstream:UserAgent", message, StringComparison.Ordinal);
        Assert.Contains("no longer supported", message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"content\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"choices\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"candidates\"", text, StringComparison.Ordinal);

        // Every host was asked (the notice can depend on the host), then the client heard it; the banner says the same.
        Assert.Equal(["daily-sandbox", "prod"], (await h.CallsAsync()).Select(c => c.Label));
        var status = await h.Client.GetFromJsonAsync<JsonObject>("admin/api/status", Ct);
        Assert.Equal("Upstream:UserAgent", (string?)status!["versionFloor"]!["setting"]);
        Assert.Equal(OldVersion, (string?)status["versionFloor"]!["userAgent"]);
    }

    [Fact]
    public async Task VersionNotice_BannerClearsOnceAnswersAreNormalAgain()
    {
        var (h, _) = await StartAsync(Pool(1));
        await using var _h = h;
        await h.AddFaultAsync("""{"match":{"rpc":"*enerateContent"},"times":2,"action":{"type":"notice"}}""");

        using var refused = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));
        var during = await h.Client.GetFromJsonAsync<JsonObject>("admin/api/status", Ct);
        using var served = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));
        var after = await h.Client.GetFromJsonAsync<JsonObject>("admin/api/status", Ct);

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.NotNull(during!["versionFloor"]);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Null(after!["versionFloor"]);
    }

    [Theory]
    [InlineData("v1/messages", false)]
    [InlineData("v1/messages", true)]
    public async Task RetiredIdAnswer_SentAgainAsTheSuccessorBeforeTheFirstByte(string path, bool stream)
    {
        var (h, finished) = await StartAsync(Pool(1));
        await using var _h = h;
        await h.AddFaultAsync("""{"match":{"rpc":"*enerateContent","model":"claude-sonnet-4-6"},"times":1,"action":{"type":"notice","text":"Claude Sonnet 4.6 is no longer available. Please switch to Claude Opus 4.6!"}}""");

        using var response = await h.PostAsync(path, Body("claude-sonnet-4-5", "[[emu:text from the successor]]", stream: stream));
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from the successor", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no longer available", text, StringComparison.Ordinal);
        Assert.Equal("claude-opus-4-6-thinking", response.Headers.GetValues("X-Mapped-Model").Single());
        Assert.Equal(["claude-sonnet-4-6", "claude-opus-4-6-thinking"], (await h.CallsAsync()).Select(c => c.Model));
        var logged = await h.LoggedAsync(finished, response, 1);
        Assert.Equal("claude-opus-4-6-thinking", (string?)logged["mappedModel"]);
        Assert.Contains(logged["attempts"]!.AsArray(), a => (string?)a!["outcome"] == "RetiredModel");
    }

    [Theory]
    [InlineData("v1beta/models/gemini-3-pro-high:generateContent", "gemini-pro-agent")]
    [InlineData("v1beta/models/gemini-3-flash-agent:generateContent", "gemini-3.7-flash-high")]
    public async Task RetiredId_RequestedByAClient_IsServedByItsSuccessor(string path, string successor)
    {
        var (h, _) = await StartAsync(Pool(1));
        await using var _h = h;

        using var response = await h.PostAsync(path, """{"contents":[{"role":"user","parts":[{"text":"[[emu:text served]]"}]}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("served", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(successor, response.Headers.GetValues("X-Mapped-Model").Single());
        Assert.Equal([successor], (await h.CallsAsync()).Select(c => c.Model));
    }

    [Fact]
    public async Task RetiredIdWithNoKnownSuccessor_AnErrorNotTheNotice()
    {
        var (h, _) = await StartAsync(Pool(1));
        await using var _h = h;
        await h.AddFaultAsync("""{"match":{"rpc":"*enerateContent"},"times":1,"action":{"type":"notice","text":"Claude Sonnet 4.6 is no longer available. Please switch to Claude Sonnet 9."}}""");

        using var response = await h.PostAsync("v1/messages", Claude("[[emu:text hi]]"));
        var body = await FrontDoorHarness.JsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("retired", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Null(body["content"]);
    }
}
