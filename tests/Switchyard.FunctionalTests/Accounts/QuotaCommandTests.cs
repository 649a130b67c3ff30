using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.Accounts;

public sealed class QuotaCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Quota_Refresh_PrintsBothWindowsPerFamilyWithBars_AndJsonMatchesTheEmulator()
    {
        await using var h = await AccountsHarness.StartAsync();
        await h.ImportAsync();
        // Half an hour past three days: the reset time is sent in whole seconds and the emulator's clock runs ahead of the
        // gateway's by the time the test took so far, so an exact three days could read as 2d 23h.
        await h.Emulator.Control.SetQuotaAsync(AccountsHarness.Ada, "antigravity", "3p-weekly", 0.25, resetInSeconds: (3 * 86400) + 1800, cancellationToken: Ct);

        // daily is the live host (prod's figures lag, upstream-2026 §1.1).
        h.Settings["Upstream:Hosts:0:Label"] = "daily";
        h.Settings["Upstream:Hosts:0:BaseUrl"] = h.Emulator.CloudCodeUrl("daily");
        var table = await h.RunCliAsync(["quota", "--refresh"]);
        var json = await h.RunCliAsync(["quota", "--json"]);

        Assert.True(table.Exit == 0, table.Error);
        Assert.Contains(AccountsHarness.Ada, table.Output, StringComparison.Ordinal);
        Assert.Contains("3p weekly", table.Output, StringComparison.Ordinal);
        Assert.Contains("gemini 5h", table.Output, StringComparison.Ordinal);
        Assert.Contains("█", table.Output, StringComparison.Ordinal);
        Assert.Contains("25%", table.Output, StringComparison.Ordinal);
        Assert.Contains("in 3d 0h", table.Output, StringComparison.Ordinal);
        var windows = JsonNode.Parse(json.Output)![0]!["windows"]!.AsArray();
        Assert.Equal(0.25, (double)windows.Single(w => (string?)w!["window"] == "3p-weekly")!["remainingFraction"]!, 3);
        Assert.Equal(1.0, (double)windows.Single(w => (string?)w!["window"] == "3p-5h")!["remainingFraction"]!);
        Assert.Equal(["gemini-5h", "gemini-weekly", "3p-5h", "3p-weekly"], windows.Select(w => (string?)w!["window"]).Where(w => w != "image"));
        Assert.NotEmpty(await h.Emulator.Control.GetRequestsAsync(rpc: "retrieveUserQuotaSummary", cancellationToken: Ct));
        var list = await h.RunCliAsync(["accounts", "list"]);
        Assert.Contains("3p 5h 100%", list.Output, StringComparison.Ordinal);
        Assert.Contains("weekly 25%", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithReadingOn_ShowsTheNewAccountsQuotaAtOnce()
    {
        await using var h = await AccountsHarness.StartAsync();
        h.Settings["Quota:RefreshOnStart"] = "true";

        var import = await h.RunCliAsync(["accounts", "import", "--refresh-token", AccountsHarness.AdaRefresh]);
        var list = await h.RunCliAsync(["accounts", "list", "--json"]);

        Assert.True(import.Exit == 0, import.Error);
        Assert.Contains("quota of ada@example.com: gemini 5h", import.Output, StringComparison.Ordinal);
        var ada = JsonNode.Parse(list.Output)![0]!;
        Assert.NotNull(ada["quota"]!["3p-weekly"]);
        Assert.Equal(25000, (long)ada["credits"]!["balance"]!);
        Assert.Equal("unsupported", (string?)ada["geminiCli"]);
    }
}
