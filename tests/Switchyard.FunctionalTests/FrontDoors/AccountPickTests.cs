using System.Net;
using Switchyard.FunctionalTests.Accounts;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class AccountPickTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Body = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text picked]]"}]}""";

    [Fact]
    public async Task Messages_TwoAccounts_UsesTheFirst()
    {
        await using var h = await FrontDoorHarness.StartAsync(withGrace: true);
        using var response = await h.PostAsync("v1/messages", Body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AccountsHarness.Ada, response.Headers.GetValues("X-Account-Email").Single());
    }

    [Fact]
    public async Task Messages_FirstAccountRevoked_RefreshFailsAndNextAccountServes()
    {
        await using var h = await FrontDoorHarness.StartAsync(withGrace: true);
        await h.Emulator.Control.RevokeTokensAsync(email: AccountsHarness.Ada, cancellationToken: Ct);
        using var response = await h.PostAsync("v1/messages", Body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AccountsHarness.Grace, response.Headers.GetValues("X-Account-Email").Single());
        var calls = await h.GenerateCallsAsync();
        Assert.Equal([401, 200], calls.Select(c => c.Status));
    }
}
