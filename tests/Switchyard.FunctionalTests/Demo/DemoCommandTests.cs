using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Control;
using Switchyard.Hosting.Cli;

namespace Switchyard.FunctionalTests.Demo;

public sealed class DemoCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_DefaultRun_SignsInThreeAccountsServesAnthropicAndRemovesTempDirOnCancel()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var demo = await DemoRun.StartAsync(stop.Token);
        string dataDir;
        try
        {
            dataDir = demo.DataDir;
            Assert.True(Directory.Exists(dataDir));

            using var http = new HttpClient { BaseAddress = new Uri(demo.GatewayUrl + "/") };
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
            {
                Content = new StringContent(
                    """{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Hello from the demo test"}]}""",
                    Encoding.UTF8,
                    "application/json"),
            };
            request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
            request.Headers.TryAddWithoutValidation("x-api-key", "demo");
            using var response = await http.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            var text = (string?)JsonNode.Parse(body)!["content"]![0]!["text"];
            Assert.Contains("reply to: Hello from the demo test", text, StringComparison.Ordinal);

            var listOutput = new StringWriter();
            var listError = new StringWriter();
            var listExit = await SwitchyardCli.RunAsync(["accounts", "list", "--json", "--data-dir", dataDir], listOutput, listError, Ct);
            Assert.True(listExit == 0, listError.ToString());
            var accounts = JsonNode.Parse(listOutput.ToString())!.AsArray();
            Assert.Equal(
                ["ada@example.com ULTRA", "alan@example.com FREE", "grace@example.com PRO"],
                accounts.Select(a => $"{(string?)a!["email"]} {(string?)a["tier"]}").Order(StringComparer.Ordinal));
            Assert.All(accounts, a => Assert.False(string.IsNullOrEmpty((string?)a!["projectId"])));
            Assert.Contains("onboardUser", demo.Output.ToString(), StringComparison.Ordinal);
            Assert.Contains($"accounts list --data-dir {dataDir}", demo.Output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var exit = await demo.Run;

        Assert.True(exit == 0, demo.Error.ToString());
        Assert.False(Directory.Exists(dataDir), $"{dataDir} should be removed on exit");
    }

    [Fact]
    public async Task Demo_Chaos_AddsRateLimitAndQuotaFaultRulesToTheEmulator()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var demo = await DemoRun.StartAsync(stop.Token, "--chaos");
        JsonArray faults;
        try
        {
            using var control = new EmulatorControlClient(new HttpClient { BaseAddress = new Uri(demo.EmulatorUrl) });
            faults = await control.GetFaultsAsync(Ct);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await demo.Run);
        Assert.Contains("Chaos on", demo.Output.ToString(), StringComparison.Ordinal);
        var rateLimit = faults.Single(f => (string?)f!["action"]!["type"] == "rateLimit")!;
        Assert.Equal(0.3, (double)rateLimit["probability"]!, 3);
        var quota = faults.Single(f => (string?)f!["action"]!["type"] == "quotaExhausted")!;
        Assert.Equal("alan@example.com", (string?)quota["match"]!["email"]);
    }

    [Fact]
    public async Task Demo_GivenDataDir_UsesItAndKeepsItOnExit()
    {
        var dataDir = Directory.CreateTempSubdirectory("switchyard-demo-given-").FullName;
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var demo = await DemoRun.StartAsync(stop.Token, "--data-dir", dataDir);
            await stop.CancelAsync();

            Assert.Equal(0, await demo.Run);
            Assert.Equal(dataDir, demo.DataDir);
            Assert.True(Directory.Exists(dataDir));
            Assert.NotEmpty(Directory.GetFiles(dataDir));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
