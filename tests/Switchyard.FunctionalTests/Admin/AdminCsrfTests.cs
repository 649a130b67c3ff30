using System.Net;
using Switchyard.Admin;

namespace Switchyard.FunctionalTests.Admin;

/// <summary>A change made with the sign-in cookie needs the session's CSRF token (GET session) in X-CSRF-Token.</summary>
public sealed class AdminCsrfTests
{
    [Fact]
    public async Task Change_SignedInWithoutCsrfHeader_Answers403AndChangesNothing()
    {
        await using var h = await AdminHarness.StartAsync(password: true);
        await h.LoginAsync();
        var token = h.CsrfToken;
        h.CsrfToken = null;

        using var without = await h.PostAsync($"admin/api/accounts/{h.AdaId}/disable", "{}");
        using var wrong = await h.PostAsync($"admin/api/accounts/{h.AdaId}/disable", "{}", r => r.Headers.Add(AdminSessions.CsrfHeader, "not-the-token"));
        var accounts = await h.GetJsonAsync("admin/api/accounts");

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains(AdminSessions.CsrfHeader, await without.Content.ReadAsStringAsync(AdminHarness.Ct), StringComparison.Ordinal);
        Assert.True((bool)accounts[0]!["enabled"]!);
        Assert.False(string.IsNullOrEmpty(token));
    }

    [Fact]
    public async Task Change_SignedInWithCsrfHeader_IsApplied()
    {
        await using var h = await AdminHarness.StartAsync(password: true);
        await h.LoginAsync();

        using var response = await h.PostAsync($"admin/api/accounts/{h.AdaId}/disable", "{}");
        var accounts = await h.GetJsonAsync("admin/api/accounts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)accounts[0]!["enabled"]!);
    }

    [Fact]
    public async Task Session_NotSignedIn_HasNoCsrfToken()
    {
        await using var h = await AdminHarness.StartAsync(password: true);

        var session = await h.GetJsonAsync("admin/api/session");

        Assert.Null(session["csrfToken"]);
    }
}
