using System.Net;
using Switchyard.Accounts;
using Switchyard.Upstream;

namespace Switchyard.Tests.Accounts;

public sealed class AccountProvisionerTests
{
    private static void Answer(TestServices services, string loadCodeAssist, int pendingPolls)
    {
        var polls = 0;
        var onboarded = false;
        services.Http.Callback = r =>
        {
            if (r.Url.EndsWith(":loadCodeAssist", StringComparison.Ordinal))
            {
                return Task.FromResult(FakeHttpMessageHandler.Json(onboarded ? """{"currentTier": {"id": "free-tier"}, "cloudaicompanionProject": "new-proj"}""" : loadCodeAssist));
            }

            if (r.Url.EndsWith(":onboardUser", StringComparison.Ordinal))
            {
                var done = Interlocked.Increment(ref polls) > pendingPolls;
                onboarded |= done;
                return Task.FromResult(FakeHttpMessageHandler.Json(done
                    ? """{"name": "operations/1", "done": true, "response": {"cloudaicompanionProject": {"id": "new-proj", "name": "p"}}}"""
                    : """{"name": "operations/1", "done": false}"""));
            }

            if (r.Url == TestServices.UserInfoUrl)
            {
                return Task.FromResult(FakeHttpMessageHandler.Json("""{"id": "1", "email": "ada@example.com"}"""));
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        };
    }

    [Fact]
    public async Task IdentifyAsync_ProjectKnown_ReturnsEmailProjectAndPaidTier()
    {
        await using var services = TestServices.Create();
        Answer(services, """{"currentTier": {"id": "standard-tier"}, "paidTier": {"id": "g1-ultra-tier"}, "cloudaicompanionProject": "calm-wave"}""", 0);

        var (identity, error) = await services.Get<AccountProvisioner>().IdentifyAsync("ya29.t", _ => { }, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal(new AccountIdentity("ada@example.com", "calm-wave", AccountTier.Ultra), identity);
        Assert.Empty(services.Http.To(":onboardUser"));
    }

    [Fact]
    public async Task ProvisionAsync_NotOnboarded_PollsOnboardUserUntilDone()
    {
        await using var services = TestServices.Create();
        Answer(services, """{"allowedTiers": [{"id": "free-tier", "isDefault": true}]}""", pendingPolls: 3);

        var (project, tier, error) = await services.Get<AccountProvisioner>().ProvisionAsync("ya29.t", _ => { }, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal("new-proj", project);
        Assert.Equal(AccountTier.Free, tier);
        Assert.Equal(4, services.Http.To(":onboardUser").Count());
        Assert.All(services.Http.To(":onboardUser"), r => Assert.Contains("\"tierId\":\"free-tier\"", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProvisionAsync_StillPendingAfterMaxPolls_GivesUpWithClearError()
    {
        await using var services = TestServices.Create(new() { ["Accounts:OnboardMaxPolls"] = "3" });
        Answer(services, "{}", pendingPolls: 100);

        var (project, _, error) = await services.Get<AccountProvisioner>().ProvisionAsync("ya29.t", _ => { }, TestContext.Current.CancellationToken);

        Assert.Null(project);
        Assert.Contains("3 onboardUser polls", error, StringComparison.Ordinal);
        Assert.Equal(3, services.Http.To(":onboardUser").Count());
    }

    [Theory]
    [InlineData("free-tier", null, "Free")]
    [InlineData("standard-tier", "g1-pro-tier", "Pro")]
    [InlineData("standard-tier", "g1-ultra-tier", "Ultra")]
    [InlineData(null, null, "Unknown")]
    public void TierOf_MapsTierIds(string? current, string? paid, string expected)
    {
        Assert.Equal(Enum.Parse<AccountTier>(expected), AccountProvisioner.TierOf(new CodeAssistStatus("p", current, paid, null)));
    }
}
