using System.Net;
using Switchyard.Admin;

namespace Switchyard.FunctionalTests.Admin;

public sealed class AdminAuthTests
{
    [Fact]
    public async Task Accounts_NoPasswordNoKeyLoopback_AreServed()
    {
        await using var h = await AdminHarness.StartAsync();

        var session = await h.GetJsonAsync("admin/api/session");
        var accounts = await h.GetJsonAsync("admin/api/accounts");

        Assert.True((bool)session["open"]!);
        Assert.True((bool)session["authenticated"]!);
        Assert.Single(accounts.AsArray());
    }

    [Fact]
    public async Task Accounts_PasswordSetWithoutCookie_Answers401()
    {
        await using var h = await AdminHarness.StartAsync(password: true);

        using var response = await h.GetAsync("admin/api/accounts");
        var session = await h.GetJsonAsync("admin/api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False((bool)session["authenticated"]!);
        Assert.True((bool)session["passwordSet"]!);
    }

    [Fact]
    public async Task Login_RightPassword_SetsHttpOnlyStrictCookieThatOpensTheApi()
    {
        await using var h = await AdminHarness.StartAsync(password: true);

        using var login = await h.PostAsync("admin/api/login", $$"""{"password":"{{AdminHarness.Password}}"}""");
        using var accounts = await h.GetAsync("admin/api/accounts");

        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(AdminSessions.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AdminHarness.Password, cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
    }

    [Fact]
    public async Task Login_AfterAWrongPassword_TheNextAttemptFromAnotherAddressWaitsBeforeItIsChecked()
    {
        await using var h = await AdminHarness.StartAsync(s =>
        {
            s["Admin:FailureDelayMilliseconds"] = "2000";
            s["Admin:AllowRemote"] = "true";
        }, password: true);
        var throttle = h.Get<AdminThrottle>();
        var delaying = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        throttle.Delaying += d => delaying.TrySetResult(d);

        using var first = await h.PostAsync("admin/api/login", """{"password":"not the password"}""", r => r.Headers.Add(AdminHarness.RemoteHeader, "203.0.113.1"));
        var pending = h.PostAsync("admin/api/login", $$"""{"password":"{{AdminHarness.Password}}"}""", r => r.Headers.Add(AdminHarness.RemoteHeader, "203.0.113.2"));
        var delay = await delaying.Task.WaitAsync(TestContext.Current.CancellationToken);
        var answeredBeforeTheDelay = pending.IsCompleted;
        h.Accounts.Time.Advance(delay);
        using var second = await pending;

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.Equal(TimeSpan.FromSeconds(2), delay);
        Assert.False(answeredBeforeTheDelay);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(TimeSpan.Zero, throttle.NextDelay);
    }

    [Fact]
    public async Task AnyRoute_WrongAdminKey_Answers401()
    {
        await using var h = await AdminHarness.StartAsync(s => s["Admin:ApiKey"] = "k-0123456789abcdef-admin");

        using var wrong = await h.GetAsync("admin/api/accounts", AdminHarness.WithKey("k-0123456789abcdef-wrong"));
        var failuresAfterWrong = h.Get<AdminThrottle>().Failures;
        using var none = await h.GetAsync("admin/api/accounts");
        using var right = await h.GetAsync("admin/api/accounts", AdminHarness.WithKey("k-0123456789abcdef-admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(1, failuresAfterWrong);
        Assert.Equal(0, h.Get<AdminThrottle>().Failures);
    }

    [Fact]
    public async Task AnyRoute_RemoteClientNotAllowed_Answers403EvenWithTheKey()
    {
        await using var h = await AdminHarness.StartAsync(s => s["Admin:ApiKey"] = "k-0123456789abcdef-admin");

        using var api = await h.GetAsync("admin/api/accounts", r => { AdminHarness.FromRemote(r); AdminHarness.WithKey("k-0123456789abcdef-admin")(r); });
        using var dashboard = await h.GetAsync("", AdminHarness.FromRemote);

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
    }

    [Fact]
    public async Task AnyRoute_RemoteAllowedButNoPasswordOrKey_Answers403()
    {
        await using var h = await AdminHarness.StartAsync(s => s["Admin:AllowRemote"] = "true");

        using var remote = await h.GetAsync("admin/api/accounts", AdminHarness.FromRemote);
        using var local = await h.GetAsync("admin/api/accounts");

        Assert.Equal(HttpStatusCode.Forbidden, remote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task AnyRoute_RemoteAllowedWithKey_NeedsTheKey()
    {
        await using var h = await AdminHarness.StartAsync(s =>
        {
            s["Admin:AllowRemote"] = "true";
            s["Admin:ApiKey"] = "k-0123456789abcdef-admin";
        });

        using var without = await h.GetAsync("admin/api/accounts", AdminHarness.FromRemote);
        using var with = await h.GetAsync("admin/api/accounts", r => { AdminHarness.FromRemote(r); AdminHarness.WithKey("k-0123456789abcdef-admin")(r); });

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task Change_CrossSiteOrigin_Answers403AndChangesNothing()
    {
        await using var h = await AdminHarness.StartAsync();

        using var response = await h.PostAsync($"admin/api/accounts/{h.AdaId}/disable", "{}", r => r.Headers.Add("Origin", "https://evil.example"));
        var accounts = await h.GetJsonAsync("admin/api/accounts");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((bool)accounts[0]!["enabled"]!);
    }

    [Fact]
    public async Task Logout_AfterLogin_EndsTheSession()
    {
        await using var h = await AdminHarness.StartAsync(password: true);
        await h.LoginAsync();

        using var logout = await h.PostAsync("admin/api/logout");
        using var after = await h.GetAsync("admin/api/accounts");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SetPasswordCommand_ReadsStdin_StoresOnlyASaltedHashOwnerOnly()
    {
        await using var h = await AdminHarness.StartAsync();

        var run = await h.Accounts.RunCliAsync(["admin", "set-password"], input: "a-long-secret-password\n");
        var tooShort = await h.Accounts.RunCliAsync(["admin", "set-password"], input: "short\n");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(2, tooShort.Exit);
        var path = Path.Combine(h.Accounts.DataDir, AdminPasswordStore.FileName);
        var stored = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.StartsWith("pbkdf2-sha256$600000$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("a-long-secret-password", stored, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var login = await h.PostAsync("admin/api/login", """{"password":"a-long-secret-password"}""");
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
    }
}
