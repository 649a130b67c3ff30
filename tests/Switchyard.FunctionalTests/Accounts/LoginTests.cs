using Microsoft.Extensions.DependencyInjection;
using Switchyard.Accounts;
using Switchyard.Emulator.State;

namespace Switchyard.FunctionalTests.Accounts;

public sealed class LoginTests
{
    private static Action<IServiceCollection> Browser(IBrowserLauncher browser) => s => s.AddSingleton(browser);

    [Fact]
    public async Task Login_AutoConsent_AddsAccountWithEmailProjectAndTier()
    {
        await using var h = await AccountsHarness.StartAsync();

        var run = await h.RunCliAsync(["accounts", "login"], configure: Browser(new FollowingBrowser()));

        Assert.True(run.Exit == 0, run.Error);
        var account = Assert.Single(await h.ListAsync())!;
        Assert.Equal(AccountsHarness.Ada, (string?)account["email"]);
        Assert.Equal("ULTRA", (string?)account["tier"]);
        Assert.False(string.IsNullOrEmpty((string?)account["projectId"]));
        Assert.Contains("Open this URL", run.Output, StringComparison.Ordinal);
        Assert.Contains("Exchanging the authorization code", run.Output, StringComparison.Ordinal);
        var authorize = Assert.Single(await h.Emulator.Control.GetRequestsAsync(rpc: "authorize", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);
        var token = Assert.Single(await h.Emulator.Control.GetRequestsAsync(rpc: "token", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("authorization_code", token.GrantType);
        Assert.Equal(200, token.Status);
    }

    [Fact]
    public async Task Login_AccountNotOnboarded_PollsOnboardUserAndStoresTheProvisionedProject()
    {
        await using var h = await AccountsHarness.StartAsync(new AccountSeed { Email = "new@example.com", Tier = "FREE", Onboarded = false, OnboardPendingPolls = 2, ProjectId = "fresh-proj-1" });

        var run = await h.RunCliAsync(["accounts", "login"], configure: Browser(new FollowingBrowser()));

        Assert.True(run.Exit == 0, run.Error);
        var account = Assert.Single(await h.ListAsync())!;
        Assert.Equal("new@example.com", (string?)account["email"]);
        Assert.Equal("fresh-proj-1", (string?)account["projectId"]);
        Assert.Equal("FREE", (string?)account["tier"]);
        Assert.Equal(3, (await h.Emulator.Control.GetRequestsAsync(rpc: "onboardUser", cancellationToken: TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task Login_CountTwo_AddsBothAccountsInOneRun()
    {
        await using var h = await AccountsHarness.StartAsync();
        await h.Emulator.Control.QueueConsentAsync(AccountsHarness.Grace, cancellationToken: TestContext.Current.CancellationToken);
        await h.Emulator.Control.QueueConsentAsync(AccountsHarness.Ada, cancellationToken: TestContext.Current.CancellationToken);

        var run = await h.RunCliAsync(["accounts", "login", "--count", "2"], configure: Browser(new FollowingBrowser()));

        Assert.True(run.Exit == 0, run.Error);
        var accounts = await h.ListAsync();
        Assert.Equal(
            [$"{AccountsHarness.Ada} ULTRA", $"{AccountsHarness.Grace} PRO"],
            accounts.Select(a => $"{(string?)a!["email"]} {(string?)a["tier"]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Login_Headless_PastedRedirectUrl_AddsAccount()
    {
        await using var h = await AccountsHarness.StartAsync();
        var console = new PastingConsole();

        var run = await h.RunCliAsync(["accounts", "login", "--headless"], configure: s => s.AddSingleton<ILoginConsole>(console));

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(AccountsHarness.Ada, (string?)Assert.Single(await h.ListAsync())!["email"]);
    }

    [Fact]
    public async Task Login_ConsentDenied_ClearErrorAndNothingStored()
    {
        await using var h = await AccountsHarness.StartAsync();
        await h.Emulator.Control.QueueConsentAsync(AccountsHarness.Ada, approve: false, TestContext.Current.CancellationToken);

        var run = await h.RunCliAsync(["accounts", "login"], configure: Browser(new FollowingBrowser()));

        Assert.Equal(1, run.Exit);
        Assert.Contains("Consent was denied", run.Error, StringComparison.Ordinal);
        Assert.Empty(await h.ListAsync());
    }

    [Fact]
    public async Task Login_CallbackWithWrongState_RejectedAndNothingStored()
    {
        await using var h = await AccountsHarness.StartAsync();
        var forged = new FollowingBrowser(location => System.Text.RegularExpressions.Regex.Replace(location, "state=[^&]+", "state=forged"));

        var run = await h.RunCliAsync(["accounts", "login"], configure: Browser(forged));

        Assert.Equal(1, run.Exit);
        Assert.Contains("state does not match", run.Error, StringComparison.Ordinal);
        Assert.Empty(await h.Emulator.Control.GetRequestsAsync(rpc: "token", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await h.ListAsync());
    }

    [Fact]
    public async Task Login_ExpiredCode_ClearErrorAndNothingStored()
    {
        await using var h = await AccountsHarness.StartAsync();
        var console = new PastingConsole(() => h.Emulator.Control.AdvanceClockAsync(TimeSpan.FromMinutes(11), TestContext.Current.CancellationToken));

        var run = await h.RunCliAsync(["accounts", "login", "--headless"], configure: s => s.AddSingleton<ILoginConsole>(console));

        Assert.Equal(1, run.Exit);
        Assert.Contains("authorization code was rejected", run.Error, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", run.Error, StringComparison.Ordinal);
        Assert.Empty(await h.ListAsync());
    }

    [Fact]
    public async Task Login_TokenEndpointUnreachable_ClearErrorAndNothingStored()
    {
        await using var h = await AccountsHarness.StartAsync();
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var deadPort = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        h.Settings["OAuth:TokenUrl"] = $"http://127.0.0.1:{deadPort}/token";

        var run = await h.RunCliAsync(["accounts", "login"], configure: Browser(new FollowingBrowser()));

        Assert.Equal(1, run.Exit);
        Assert.Contains("Cannot reach the token endpoint", run.Error, StringComparison.Ordinal);
        Assert.Empty(await h.ListAsync());
    }

    [Fact]
    public async Task Login_NoClientSecretConfigured_SaysWhichKeyAndHowToSetIt()
    {
        await using var h = await AccountsHarness.StartAsync();
        h.Settings.Remove("OAuth:ClientSecret");

        var run = await h.RunCliAsync(["accounts", "login"], configure: Browser(new FollowingBrowser()));

        Assert.Equal(1, run.Exit);
        Assert.Contains("OAuth:ClientSecret is not set", run.Error, StringComparison.Ordinal);
        Assert.Contains("SWITCHYARD__OAuth__ClientSecret", run.Error, StringComparison.Ordinal);
        Assert.Empty(await h.Emulator.Control.GetRequestsAsync(rpc: "token", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cli_UnknownOrBadAccountsSettings_AreListedAndNothingRuns()
    {
        await using var h = await AccountsHarness.StartAsync();
        h.Settings["OAuth:ClientSecrett"] = "typo";
        h.Settings["Accounts:RefreshMarginSeconds"] = "soon";

        var run = await h.RunCliAsync(["accounts", "login"], configure: Browser(new FollowingBrowser()));

        Assert.Equal(2, run.Exit);
        Assert.Contains("Unknown key 'OAuth:ClientSecrett'", run.Error, StringComparison.Ordinal);
        Assert.Contains("'Accounts:RefreshMarginSeconds'", run.Error, StringComparison.Ordinal);
        Assert.Empty(await h.Emulator.Control.GetRequestsAsync(rpc: "authorize", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task Login_BrowserPreconnectsAndAsksForFavicon_CallbackStillArrives()
    {
        await using var h = await AccountsHarness.StartAsync();

        var run = await h.RunCliAsync(["accounts", "login"], configure: Browser(new FollowingBrowser(preconnect: true)));

        Assert.False(TestContext.Current.CancellationToken.IsCancellationRequested, "timed out: the callback was held up");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(AccountsHarness.Ada, (string?)Assert.Single(await h.ListAsync())!["email"]);
    }
}
