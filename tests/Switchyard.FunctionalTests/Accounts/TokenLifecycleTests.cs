using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Accounts;
using Switchyard.Quota;

namespace Switchyard.FunctionalTests.Accounts;

public sealed class TokenLifecycleTests
{
    [Fact]
    public async Task GetAccessTokenAsync_FiftyConcurrentRequestsWithExpiredToken_OneRefreshInTheJournal()
    {
        await using var h = await AccountsHarness.StartAsync();
        var id = await h.ImportAsync();
        var app = await h.StartGatewayAsync();
        var tokens = app.Services.GetRequiredService<TokenManager>();
        var before = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);
        await h.Emulator.Control.ExpireTokensAsync(email: AccountsHarness.Ada, cancellationToken: TestContext.Current.CancellationToken);
        await h.Emulator.Control.ClearRequestsAsync(TestContext.Current.CancellationToken);
        h.Time.Advance(TimeSpan.FromHours(2));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken))));

        var refreshes = (await h.Emulator.Control.GetRequestsAsync(rpc: "token", cancellationToken: TestContext.Current.CancellationToken))
            .Where(e => e.GrantType == "refresh_token").ToList();
        Assert.Single(refreshes);
        Assert.Equal(200, refreshes[0].Status);
        var fresh = results[0].Token!.Value;
        Assert.NotEqual(before.Token!.Value, fresh);
        Assert.All(results, r => Assert.Equal(fresh, r.Token!.Value));
    }

    [Fact]
    public async Task Refresh_InvalidGrant_DisablesTheAccountWithItsReason()
    {
        await using var h = await AccountsHarness.StartAsync();
        var id = await h.ImportAsync();
        var app = await h.StartGatewayAsync();
        await h.Emulator.Control.RevokeTokensAsync(email: AccountsHarness.Ada, cancellationToken: TestContext.Current.CancellationToken);
        h.Time.Advance(TimeSpan.FromHours(2));

        var result = await app.Services.GetRequiredService<TokenManager>().GetAccessTokenAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal(TokenFailureKind.InvalidGrant, result.Failure);
        var account = Assert.Single(await h.ListAsync())!;
        Assert.False((bool)account["enabled"]!);
        Assert.Contains("invalid_grant", (string?)account["disabledReason"], StringComparison.Ordinal);
        Assert.False(app.Services.GetRequiredService<AccountRegistry>().Current.Find(id)!.Enabled);
        var table = await h.RunCliAsync(["accounts", "list"]);
        Assert.Contains("disabled: Google rejected the refresh token", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamCall_401MidUse_IsHealedByOneRefresh()
    {
        await using var h = await AccountsHarness.StartAsync();
        var id = await h.ImportAsync();
        var app = await h.StartGatewayAsync();
        await app.Services.GetRequiredService<TokenManager>().GetAccessTokenAsync(id, TestContext.Current.CancellationToken);
        await h.Emulator.Control.ExpireTokensAsync(email: AccountsHarness.Ada, cancellationToken: TestContext.Current.CancellationToken);
        await h.Emulator.Control.ClearRequestsAsync(TestContext.Current.CancellationToken);

        var error = await app.Services.GetRequiredService<QuotaService>().RefreshAsync(id, TestContext.Current.CancellationToken);

        Assert.Null(error);
        // The reading's first call meets the 401; every later one (the gemini-cli check, the summary, the catalogue) uses the fresh token.
        var calls = await h.Emulator.Control.GetRequestsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var quotaCalls = calls.Where(c => c.Rpc is "loadCodeAssist" or "retrieveUserQuotaSummary" or "fetchAvailableModels").ToList();
        Assert.Equal([401, 200, 200, 200, 200], quotaCalls.Select(f => f.Status));
        Assert.Single(calls, e => e.Rpc == "token" && e.GrantType == "refresh_token");
        Assert.NotEmpty(app.Services.GetRequiredService<QuotaService>().Entries(id));
    }

    [Fact]
    public async Task Refresh_TokenEndpointServerError_BacksOffShowsCooldownAndRecovers()
    {
        await using var h = await AccountsHarness.StartAsync();
        var id = await h.ImportAsync();
        var app = await h.StartGatewayAsync();
        var tokens = app.Services.GetRequiredService<TokenManager>();
        await h.Emulator.Control.AddFaultAsync(new JsonObject
        {
            ["id"] = "token-down",
            ["match"] = new JsonObject { ["rpc"] = "token", ["grantType"] = "refresh_token" },
            ["times"] = 1,
            ["action"] = new JsonObject { ["type"] = "oauth", ["error"] = "server_error", ["status"] = 503 },
        }, TestContext.Current.CancellationToken);
        await h.Emulator.Control.ClearRequestsAsync(TestContext.Current.CancellationToken);
        h.Time.Advance(TimeSpan.FromHours(2));

        var failed = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);
        var duringBackoff = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);
        var listed = Assert.Single(await h.ListAsync())!;
        h.Time.Advance(TimeSpan.FromSeconds(6));
        var recovered = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal(TokenFailureKind.Transient, failed.Failure);
        Assert.Equal(TokenFailureKind.Transient, duringBackoff.Failure);
        Assert.True((bool)listed["enabled"]!);
        Assert.NotNull((string?)listed["cooldownUntil"]);
        Assert.Contains("token refresh failed", (string?)listed["cooldownReason"], StringComparison.Ordinal);
        Assert.NotNull(recovered.Token);
        var refreshes = await h.Emulator.Control.GetRequestsAsync(rpc: "token", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([503, 200], refreshes.Where(e => e.GrantType == "refresh_token").Select(e => e.Status));
        Assert.Null((string?)Assert.Single(await h.ListAsync())!["cooldownUntil"]);
    }
}
