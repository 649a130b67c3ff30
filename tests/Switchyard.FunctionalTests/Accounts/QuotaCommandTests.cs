using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.Accounts;

public sealed class QuotaCommandTests
{
    [Fact]
    public async Task Quota_Refresh_PrintsEveryGroupWithBars_AndJsonMatchesTheEmulator()
    {
        await using var h = await AccountsHarness.StartAsync();
        await h.ImportAsync();

        var table = await h.RunCliAsync(["quota", "--refresh"]);
        var json = await h.RunCliAsync(["quota", "--json"]);

        Assert.True(table.Exit == 0, table.Error);
        Assert.Contains(AccountsHarness.Ada, table.Output, StringComparison.Ordinal);
        Assert.Contains("claude", table.Output, StringComparison.Ordinal);
        Assert.Contains("█", table.Output, StringComparison.Ordinal);
        Assert.Contains("100%", table.Output, StringComparison.Ordinal);
        var groups = JsonNode.Parse(json.Output)![0]!["groups"]!.AsArray();
        Assert.Contains(groups, g => (string?)g!["group"] == "claude" && (double)g["remainingFraction"]! == 1.0);
        Assert.Contains(groups, g => (string?)g!["group"] == "gemini-flash");
        Assert.NotEmpty(await h.Emulator.Control.GetRequestsAsync(rpc: "fetchAvailableModels", cancellationToken: TestContext.Current.CancellationToken));
        var list = await h.RunCliAsync(["accounts", "list"]);
        Assert.Contains("claude 100%", list.Output, StringComparison.Ordinal);
    }
}
