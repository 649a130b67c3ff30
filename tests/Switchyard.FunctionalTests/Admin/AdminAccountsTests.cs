using System.Net;
using System.Web;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.FunctionalTests.Admin;

public sealed class AdminAccountsTests
{
    [Fact]
    public async Task RefreshQuota_ThenList_ShowsTierStatusBothWindowsPerFamilyCreditsAndPools()
    {
        await using var h = await AdminHarness.StartAsync();

        using var refresh = await h.PostAsync($"admin/api/accounts/{h.AdaId}/quota/refresh");
        var accounts = await h.GetJsonAsync("admin/api/accounts");
        var quotas = await h.GetJsonAsync("admin/api/quotas");

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var ada = Assert.Single(accounts.AsArray())!;
        Assert.Equal(AccountsHarness.Ada, (string?)ada["email"]);
        Assert.Equal("Ultra", (string?)ada["tier"]);
        Assert.Equal("ok", (string?)ada["status"]);
        var windows = ada["quota"]!.AsArray();
        Assert.Equal(["gemini-5h", "gemini-weekly", "3p-5h", "3p-weekly"], windows.Select(q => (string?)q!["group"]).Where(g => g != "image"));
        var weekly = windows.Single(q => (string?)q!["group"] == "3p-weekly")!;
        Assert.Equal(("3p", "weekly"), ((string?)weekly["family"], (string?)weekly["window"]));
        Assert.InRange((double)weekly["remainingFraction"]!, 0, 1);
        Assert.NotNull((string?)weekly["resetTime"]);

        // The harness knows only the prod host, whose quota figures lag: shown, and marked stale.
        Assert.True((bool)weekly["stale"]!);
        Assert.Equal(25000, (long)ada["credits"]!["balance"]!);
        Assert.Equal("off", (string?)ada["credits"]!["mode"]);
        Assert.Equal("unsupported", (string?)ada["pools"]!["geminiCli"]);
        Assert.True((int)ada["modelCount"]! > 5);
        Assert.Contains(quotas[0]!["groups"]!.AsArray(), g => (string?)g!["group"] == "3p-5h");
    }

    [Fact]
    public async Task DisableWithReason_ThenEnable_StatusAndReasonFollow()
    {
        await using var h = await AdminHarness.StartAsync();

        using var disable = await h.PostAsync($"admin/api/accounts/{h.AdaId}/disable", """{"reason":"lent to a colleague"}""");
        var disabled = await AdminHarness.JsonAsync(disable);
        var poolWhileDisabled = h.Get<Switchyard.Accounts.AccountRegistry>().Current.Enabled.Count();
        using var enable = await h.PostAsync($"admin/api/accounts/{AccountsHarness.Ada}/enable");
        var enabled = await AdminHarness.JsonAsync(enable);

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal("disabled", (string?)disabled["status"]);
        Assert.Equal("lent to a colleague", (string?)disabled["reason"]);
        Assert.Equal(0, poolWhileDisabled);
        Assert.Equal("ok", (string?)enabled["status"]);
        Assert.True((bool)enabled["enabled"]!);
    }

    [Theory]
    [InlineData("POST", "admin/api/accounts/nope/enable")]
    [InlineData("POST", "admin/api/accounts/nope/disable")]
    [InlineData("DELETE", "admin/api/accounts/nope")]
    [InlineData("POST", "admin/api/accounts/nope/quota/refresh")]
    [InlineData("DELETE", "admin/api/cooldowns/nope")]
    public async Task AccountRoute_UnknownAccountId_Answers404NamingIt(string method, string path)
    {
        await using var h = await AdminHarness.StartAsync();

        using var response = await h.SendAsync(new HttpMethod(method), path);
        var body = await AdminHarness.JsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'nope'", (string?)body["error"], StringComparison.Ordinal);
        Assert.Single((await h.GetJsonAsync("admin/api/accounts")).AsArray());
    }

    [Fact]
    public async Task Disable_BodyNotJson_Answers400AndChangesNothing()
    {
        await using var h = await AdminHarness.StartAsync();

        using var response = await h.PostAsync($"admin/api/accounts/{h.AdaId}/disable", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((bool)(await h.GetJsonAsync("admin/api/accounts"))[0]!["enabled"]!);
    }

    [Fact]
    public async Task Remove_KnownAccount_IsGoneFromStoreAndPool()
    {
        await using var h = await AdminHarness.StartAsync(withGrace: true);

        using var response = await h.DeleteAsync($"admin/api/accounts/{h.AdaId}");
        var accounts = await h.GetJsonAsync("admin/api/accounts");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([AccountsHarness.Grace], accounts.AsArray().Select(a => (string?)a!["email"]));
        Assert.Null(h.Get<Switchyard.Accounts.AccountRegistry>().Current.Find(h.AdaId));
    }

    [Fact]
    public async Task LoginStart_FollowedThroughConsent_CallbackOnTheGatewayAddsTheAccount()
    {
        await using var h = await AdminHarness.StartAsync();
        await h.Accounts.Emulator.Control.QueueConsentAsync(AccountsHarness.Grace, cancellationToken: AdminHarness.Ct);

        using var start = await h.PostAsync("admin/api/accounts/login");
        var url = (string)(await AdminHarness.JsonAsync(start))["authorizeUrl"]!;
        var query = HttpUtility.ParseQueryString(new Uri(url).Query);
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var authorize = await browser.GetAsync(url, AdminHarness.Ct);
        using var callback = await browser.GetAsync(authorize.Headers.Location, AdminHarness.Ct);
        var accounts = await h.GetJsonAsync("admin/api/accounts");

        Assert.Equal(new Uri(h.BaseAddress, "admin/oauth/callback").ToString(), query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/?added=" + Uri.EscapeDataString(AccountsHarness.Grace), callback.Headers.Location!.ToString());
        Assert.Contains(accounts.AsArray(), a => (string?)a!["email"] == AccountsHarness.Grace && (string?)a["tier"] == "Pro");
    }

    [Fact]
    public async Task Callback_UnknownState_AddsNothingAndReportsIt()
    {
        await using var h = await AdminHarness.StartAsync();

        using var callback = await h.GetAsync("admin/oauth/callback?code=forged&state=forged");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.StartsWith("/?signin-error=", callback.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Single((await h.GetJsonAsync("admin/api/accounts")).AsArray());
    }

    [Fact]
    public async Task Cooldowns_ListClearOneAndClearAll()
    {
        await using var h = await AdminHarness.StartAsync(withGrace: true);
        var graceId = (string)(await h.GetJsonAsync("admin/api/accounts")).AsArray().Single(a => (string?)a!["email"] == AccountsHarness.Grace)!["id"]!;
        var tracker = h.Get<CooldownTracker>();
        tracker.Record(new RateLimitKey(h.AdaId, "claude", "antigravity"), new UpstreamFailure(UpstreamFailureKind.RateLimited, 429, TimeSpan.FromMinutes(5)));
        tracker.Record(new RateLimitKey(graceId, "gemini-pro", "antigravity"), new UpstreamFailure(UpstreamFailureKind.QuotaExhausted, 429, TimeSpan.FromHours(1)));

        var listed = await h.GetJsonAsync("admin/api/cooldowns");
        var adaView = (await h.GetJsonAsync("admin/api/accounts")).AsArray().Single(a => (string?)a!["id"] == h.AdaId)!;
        using var clearOne = await h.DeleteAsync($"admin/api/cooldowns/{h.AdaId}");
        var afterOne = await h.GetJsonAsync("admin/api/cooldowns");
        using var clearAll = await h.DeleteAsync("admin/api/cooldowns");

        Assert.Equal(2, listed.AsArray().Count);
        Assert.Equal("cooling", (string?)adaView["status"]);
        Assert.Equal("RateLimited", (string?)adaView["cooldowns"]![0]!["kind"]);
        Assert.Equal(1, (int)(await AdminHarness.JsonAsync(clearOne))["count"]!);
        Assert.Equal([graceId], afterOne.AsArray().Select(c => (string?)c!["accountId"]));
        Assert.Equal(1, (int)(await AdminHarness.JsonAsync(clearAll))["count"]!);
        Assert.Empty(tracker.Snapshot());
    }

    [Fact]
    public async Task Bindings_CountThenClear_ForgetsEveryBinding()
    {
        await using var h = await AdminHarness.StartAsync();
        var state = h.Get<ISchedulingStateStore>();
        state.SetBinding("sid-1", "claude", h.AdaId);
        state.SetBinding("sid-2", "claude", h.AdaId);

        var before = await h.GetJsonAsync("admin/api/bindings");
        using var clear = await h.DeleteAsync("admin/api/bindings");
        var after = await h.GetJsonAsync("admin/api/bindings");

        Assert.Equal(2, (int)before["count"]!);
        Assert.Equal(2, (int)(await AdminHarness.JsonAsync(clear))["count"]!);
        Assert.Equal(0, (int)after["count"]!);
        Assert.Null(state.GetBinding("sid-1", "claude"));
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheAdminRoutes()
    {
        await using var h = await AdminHarness.StartAsync();

        var document = await h.GetJsonAsync("admin/api/openapi.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/admin/api/accounts", paths);
        Assert.Contains("/admin/api/scheduling", paths);
        Assert.Contains("/admin/api/settings", paths);
        Assert.Contains("/admin/api/cooldowns/{accountId}", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_RootAndModules_ServedFromTheGatewayPort()
    {
        await using var h = await AdminHarness.StartAsync();

        using var index = await h.GetAsync("");
        using var app = await h.GetAsync("dashboard/app.js");
        using var missing = await h.GetAsync("dashboard/nope.js");

        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        Assert.Contains("dashboard/app.js", await index.Content.ReadAsStringAsync(AdminHarness.Ct), StringComparison.Ordinal);
        Assert.Equal("text/javascript", app.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
