using System.Net;
using Switchyard.Accounts;
using Switchyard.Quota;

namespace Switchyard.Tests.Quota;

public sealed class QuotaServiceTests
{
    private static async Task<(TestServices Services, string Id)> CreateSutAsync(Dictionary<string, string?>? settings = null)
    {
        var services = TestServices.Create(settings);
        var saved = await services.Get<AccountStore>().UpsertAsync(
            [new NewAccount { Email = "ada@example.com", RefreshToken = "1//r", ProjectId = "proj-1", AccessToken = "ya29.a", AccessExpiresAt = services.Time.GetUtcNow().AddHours(1) }],
            TestContext.Current.CancellationToken);
        await services.Get<AccountRegistry>().ReloadAsync(TestContext.Current.CancellationToken);
        var reset = services.Time.GetUtcNow().AddHours(3).ToString("yyyy-MM-ddTHH:mm:ssZ");
        services.Http.Callback = r => Task.FromResult(r.Url.EndsWith(":fetchAvailableModels", StringComparison.Ordinal)
            ? FakeHttpMessageHandler.Json($$$"""
                {"models": {
                  "claude-sonnet-4-6": {"quotaInfo": {"remainingFraction": 0.05, "resetTime": "{{{reset}}}"}},
                  "gemini-3-flash": {"quotaInfo": {"remainingFraction": 0.9, "resetTime": "{{{reset}}}"}},
                  "gemini-3-pro-high": {"displayName": "no quota info"}
                }}
                """)
            : new HttpResponseMessage(HttpStatusCode.NotFound));
        return (services, saved[0].Account.Id);
    }

    [Fact]
    public async Task RefreshAsync_StoresPerGroupQuota_InMemoryAndInTheDatabase()
    {
        var (services, id) = await CreateSutAsync();
        await using var _ = services;

        var error = await services.Get<QuotaService>().RefreshAsync(id, TestContext.Current.CancellationToken);

        Assert.Null(error);
        var groups = services.Get<QuotaService>().Get(id);
        Assert.Equal(["claude", "gemini-flash"], groups.Select(g => g.Group));
        Assert.Equal(0.05, groups[0].RemainingFraction);
        var stored = await services.Get<AccountStore>().ListQuotasAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, stored[id].Count);
        Assert.Contains("\"project\":\"proj-1\"", services.Http.To(":fetchAvailableModels").Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsProtected_BelowConfiguredThreshold_OnlyForThatGroup()
    {
        var (services, id) = await CreateSutAsync(new() { ["Quota:ProtectionThresholds:claude"] = "0.1", ["Quota:ProtectionThresholds:gemini-flash"] = "0.5" });
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, TestContext.Current.CancellationToken);

        Assert.True(quota.IsProtected(id, "claude"));
        Assert.False(quota.IsProtected(id, "gemini-flash"));
        services.Time.Advance(TimeSpan.FromHours(4));
        Assert.False(quota.IsProtected(id, "claude"));
    }

    [Fact]
    public async Task IsProtected_NoThresholds_IsOff()
    {
        var (services, id) = await CreateSutAsync();
        await using var _ = services;
        var quota = services.Get<QuotaService>();
        await quota.RefreshAsync(id, TestContext.Current.CancellationToken);

        Assert.False(quota.IsProtected(id, "claude"));
    }
}
