using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Accounts;

namespace Switchyard.Tests.Quota;

/// <summary>A quota service over one account (Ada) and the fake quota RPCs of daily and prod, with fake logging.</summary>
internal static class QuotaServiceFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(TestServices Services, string Id, FakeCloudCode Upstream)> CreateAsync(Dictionary<string, string?>? settings = null, bool prodOnly = false)
    {
        var all = prodOnly ? new() { ["Upstream:Hosts:0:Label"] = "prod", ["Upstream:Hosts:0:BaseUrl"] = FakeCloudCode.Prod } : FakeCloudCode.Hosts;
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }

        var services = TestServices.Create(all, configure: s => s.AddLogging(b => b.AddFakeLogging()));
        var saved = await services.Get<AccountStore>().UpsertAsync(
            [new NewAccount { Email = "ada@example.com", RefreshToken = "1//r", ProjectId = "proj-1", AccessToken = "ya29.a", AccessExpiresAt = services.Time.GetUtcNow().AddDays(30) }],
            Ct);
        await services.Get<AccountRegistry>().ReloadAsync(Ct);
        var upstream = new FakeCloudCode { Summary = FakeCloudCode.SummaryJson(services.Time.GetUtcNow().AddHours(3)) };
        upstream.ProdSummary = upstream.Summary;
        upstream.Attach(services.Http);
        return (services, saved[0].Account.Id, upstream);
    }
}
