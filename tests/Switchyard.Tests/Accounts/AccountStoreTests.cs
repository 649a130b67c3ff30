using System.Text;
using Switchyard.Accounts;

namespace Switchyard.Tests.Accounts;

public sealed class AccountStoreTests
{
    private static NewAccount Ada(string token = "1//ada-refresh-token-plain", bool? enabled = null) =>
        new() { Email = "ada@example.com", RefreshToken = token, Tier = AccountTier.Pro, ProjectId = "proj-ada", Enabled = enabled };

    [Fact]
    public async Task UpsertAsync_SameEmailTwice_MergesIntoOneAccountWithTheNewToken()
    {
        await using var services = TestServices.Create();
        var store = services.Get<AccountStore>();
        var ct = TestContext.Current.CancellationToken;

        var first = await store.UpsertAsync([Ada()], ct);
        var second = await store.UpsertAsync([Ada("1//ada-second") with { Email = "ADA@example.com", ProjectId = null, Tier = AccountTier.Unknown }], ct);

        var all = await store.ListAsync(ct);
        Assert.True(first[0].Added);
        Assert.False(second[0].Added);
        var account = Assert.Single(all);
        Assert.Equal("proj-ada", account.ProjectId);
        Assert.Equal(AccountTier.Pro, account.Tier);
        Assert.Equal("1//ada-second", (await store.GetSecretsAsync(account.Id, ct))!.RefreshToken);
    }

    [Fact]
    public async Task UpsertAsync_RefreshTokenIsNotStoredInPlaintext()
    {
        await using var services = TestServices.Create();
        var store = services.Get<AccountStore>();
        await store.UpsertAsync([Ada() with { AccessToken = "ya29.access-plain", AccessExpiresAt = services.Time.GetUtcNow().AddHours(1) }], TestContext.Current.CancellationToken);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        foreach (var file in Directory.GetFiles(services.Dir.Path))
        {
            var bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
            Assert.DoesNotContain("ada-refresh-token-plain", bytes, StringComparison.Ordinal);
            Assert.DoesNotContain("access-plain", bytes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SetEnabledAsync_Disable_KeepsReason_EnableClearsIt()
    {
        await using var services = TestServices.Create();
        var store = services.Get<AccountStore>();
        var ct = TestContext.Current.CancellationToken;
        var id = (await store.UpsertAsync([Ada()], ct))[0].Account.Id;

        await store.SetEnabledAsync(id, false, "rejected", ct);
        var disabled = (await store.FindAsync("ada@example.com", ct))!;
        await store.SetEnabledAsync(id, true, null, ct);
        var enabled = (await store.FindAsync(id, ct))!;

        Assert.False(disabled.Enabled);
        Assert.Equal("rejected", disabled.DisabledReason);
        Assert.True(enabled.Enabled);
        Assert.Null(enabled.DisabledReason);
    }

    [Fact]
    public async Task RemoveAsync_DeletesAccountAndQuota()
    {
        await using var services = TestServices.Create();
        var store = services.Get<AccountStore>();
        var ct = TestContext.Current.CancellationToken;
        var id = (await store.UpsertAsync([Ada()], ct))[0].Account.Id;
        await store.SaveQuotaAsync(id, [new QuotaEntry("claude", 0.5, null, services.Time.GetUtcNow())], ct);

        Assert.True(await store.RemoveAsync(id, ct));

        Assert.Empty(await store.ListAsync(ct));
        Assert.Empty(await store.ListQuotasAsync(ct));
    }

    [Fact]
    public async Task UpsertAsync_ImportedDisabled_KeepsDisabledWithReason()
    {
        await using var services = TestServices.Create();
        var store = services.Get<AccountStore>();

        var saved = await store.UpsertAsync([Ada(enabled: false) with { DisabledReason = "off in plugin" }], TestContext.Current.CancellationToken);

        Assert.False(saved[0].Account.Enabled);
        Assert.Equal("off in plugin", saved[0].Account.DisabledReason);
    }
}
