using System.Net;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Switchyard.FunctionalTests.Upstream2026;
using static Switchyard.FunctionalTests.Scheduling.SchedulingKit;

namespace Switchyard.FunctionalTests.FrontDoors;

/// <summary>
/// What the gateway tells the agent about quota (issue 19): <c>GET /v1/quota</c>, <c>switchyard statusline</c> and the MCP
/// <c>quota</c> tool, driven by the C# MCP SDK's client. Two PRO accounts; the first's 3p 5 h window is drained (reset in 2 h)
/// and the second's is at 50 %, so the pool's 3p 5 h mean is 25 %.
/// </summary>
public sealed class AgentQuotaTests
{
    private const string Key = "sk-switchyard-agent-key-0123456789";

    [Fact]
    public async Task QuotaEndpoint_PerFamilyAndWindow_BehindTheClientKeys()
    {
        await using var h = await StartAsync();

        using var anonymous = await h.Client.GetAsync("v1/quota", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var report = await QuotaAsync(h, "v1/quota");

        Assert.Equal(1, (int)report["version"]!);
        Assert.Equal(2, (int)report["accounts"]!);
        Assert.Equal(["gemini", "3p"], report["families"]!.AsArray().Select(f => (string)f!["family"]!));
        var claude5h = Window(report, "3p", "5h");
        Assert.Equal(0.25, (double)claude5h["remaining"]!, 3);
        Assert.Equal(0.5, (double)claude5h["best"]!, 3);
        Assert.Equal(1, (int)claude5h["accountsWithQuota"]!);
        var reset = (DateTimeOffset)claude5h["reset"]!;
        Assert.InRange(reset - h.Accounts.Time.GetUtcNow(), TimeSpan.FromMinutes(110), TimeSpan.FromMinutes(121));
        Assert.True(claude5h.ContainsKey("ratePerHour"));
        Assert.Null(claude5h["ratePerHour"]); // one reading so far: no rate to go by
        var claudeForecast = report["families"]!.AsArray().Single(f => (string?)f!["family"] == "3p")!["forecast"]!;
        Assert.Equal(1, (int)claudeForecast["accountsLeft"]!);
        Assert.Null(claudeForecast["runsDryAt"]);
        Assert.Equal("no recent use to forecast from; 1 account left", (string?)claudeForecast["summary"]);
        Assert.Equal(1.0, (double)Window(report, "gemini", "weekly")["remaining"]!, 3);

        var only = await QuotaAsync(h, "v1/quota?family=gemini");
        Assert.Equal("gemini", (string?)Assert.Single(only["families"]!.AsArray())!["family"]);
    }

    [Fact]
    public async Task Statusline_OneShortLineWithEachFamily()
    {
        await using var h = await StartAsync();

        var run = await h.Accounts.RunCliAsync(["statusline", "--gateway-url", h.Client.BaseAddress!.ToString(), "--api-key", Key]);

        Assert.True(run.Exit == 0, run.Error + run.Output);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^Claude 5h 25% \((1h5\dm|2h00m)\) wk \d+% \| Gemini 5h 100% wk 100%$", line.TrimEnd('\r'));
        Assert.True(line.Length < 80, line);
    }

    [Fact]
    public async Task QuotaCommand_WithARunningGateway_PrintsItsForecast()
    {
        await using var h = await StartAsync();

        var run = await h.Accounts.RunCliAsync(["quota", "--gateway-url", h.Client.BaseAddress!.ToString(), "--api-key", Key]);
        var alone = await h.Accounts.RunCliAsync(["quota", "--gateway-url", "http://127.0.0.1:9/"]);

        Assert.True(run.Exit == 0, run.Error + run.Output);
        Assert.Contains("3p: no recent use to forecast from; 1 account left (running gateway)", run.Output, StringComparison.Ordinal);
        Assert.Contains("gemini: no recent use to forecast from; 2 accounts left (running gateway)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("(running gateway)", alone.Output, StringComparison.Ordinal);
        Assert.Contains("3p: no recent use to forecast from", alone.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statusline_NoGateway_ExitsOneWithAShortLine()
    {
        await using var h = await StartAsync();
        await h.App.StopAsync(Ct);

        var run = await h.Accounts.RunCliAsync(["statusline", "--gateway-url", h.Client.BaseAddress!.ToString(), "--api-key", Key]);

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("switchyard: no gateway at", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task McpQuotaTool_ThroughTheSdkClient_AnswersThePoolsQuota()
    {
        await using var h = await StartAsync();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(h.Client.BaseAddress!, "mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["x-api-key"] = Key },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);

        Assert.Equal("switchyard", client.ServerInfo?.Name);
        var tool = Assert.Single(await client.ListToolsAsync(cancellationToken: Ct));
        Assert.Equal("quota", tool.Name);
        var result = await client.CallToolAsync("quota", new Dictionary<string, object?> { ["family"] = "3p" }, cancellationToken: Ct);

        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        var report = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("3p", (string?)Assert.Single(report["families"]!.AsArray())!["family"]);
        Assert.Equal(0.25, (double)Window(report, "3p", "5h")["remaining"]!, 3);
        Assert.NotNull(result.StructuredContent);

        var unknown = await client.CallToolAsync("quota", new Dictionary<string, object?> { ["family"] = "openai" }, cancellationToken: Ct);
        Assert.True(unknown.IsError);
    }

    [Fact]
    public async Task Mcp_WithoutTheClientKey_401()
    {
        await using var h = await StartAsync();
        using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await h.Client.PostAsync("mcp", content, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<FrontDoorHarness> StartAsync()
    {
        var h = await FrontDoorHarness.StartAsync(Pool(2), s =>
        {
            s["Auth:ApiKeys:0:Name"] = "agent";
            s["Auth:ApiKeys:0:Key"] = Key;
        });
        await h.DrainAsync(Email(1), "3p-5h", TimeSpan.FromHours(2));
        await h.Emulator.Control.SetQuotaAsync(Email(2), "antigravity", "3p-5h", 0.5, resetInSeconds: TimeSpan.FromHours(4).TotalSeconds, cancellationToken: Ct);
        await h.ReadQuotaAsync();
        return h;
    }

    private static async Task<JsonObject> QuotaAsync(FrontDoorHarness h, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-api-key", Key);
        using var response = await h.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
    }

    private static JsonObject Window(JsonObject report, string family, string window) =>
        report["families"]!.AsArray().Single(f => (string)f!["family"]! == family)!["windows"]!.AsArray()
            .Single(w => (string)w!["window"]! == window)!.AsObject();
}
