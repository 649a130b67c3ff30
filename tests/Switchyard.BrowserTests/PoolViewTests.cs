using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Switchyard.BrowserTests;

/// <summary>
/// The pool view against the admin API's account shape, served by Playwright's router: stale, paused and held windows,
/// credits and the gemini-cli flag, the verification link (https only, rel=noopener) and a Terms of Service reason, all
/// as text (markup in the data stays text).
/// </summary>
public sealed class PoolViewTests
{
    private const string Accounts = """
        [{"id":"a1","email":"verify@example.com","tier":"Pro","enabled":true,"status":"verify","reason":"The upstream asks to verify this account (VALIDATION_REQUIRED): open https://accounts.google.com/signin/continue?plt=x",
          "projectId":"p","fixed":false,"cooldowns":[],"addedAt":"2026-09-01T00:00:00Z",
          "verificationUrl":"https://accounts.google.com/signin/continue?sarp=1&plt=x","credits":{"mode":"last-resort","balance":950,"minimum":50,"usable":true,"exhausted":false},
          "pools":{"geminiCli":"available","geminiCliReason":null},"modelCount":12,"quotaReadAt":null,"problems":["quota summary: backend error"],
          "quota":[{"group":"gemini-5h","remainingFraction":1,"resetTime":"2099-01-01T00:00:00Z","updatedAt":"2026-09-01T00:00:00Z","protected":false,"family":"gemini","window":"5h","stale":false,"disabled":true,"heldUntil":null},
                   {"group":"gemini-weekly","remainingFraction":0,"resetTime":"2099-01-01T00:00:00Z","updatedAt":"2026-09-01T00:00:00Z","protected":false,"family":"gemini","window":"weekly","stale":false,"disabled":false,"heldUntil":"2099-01-01T00:00:00Z"},
                   {"group":"3p-5h","remainingFraction":0.5,"resetTime":"2099-01-01T00:00:00Z","updatedAt":"2026-09-01T00:00:00Z","protected":false,"family":"3p","window":"5h","stale":true,"disabled":false,"heldUntil":null},
                   {"group":"3p-weekly","remainingFraction":0.25,"resetTime":"2099-01-01T00:00:00Z","updatedAt":"2026-09-01T00:00:00Z","protected":false,"family":"3p","window":"weekly","stale":true,"disabled":false,"heldUntil":null}]},
         {"id":"a2","email":"<img src=x onerror=alert(1)>@example.com","tier":"Pro","enabled":true,"status":"verify","reason":"verify",
          "projectId":"p","fixed":false,"cooldowns":[],"addedAt":"2026-09-01T00:00:00Z","verificationUrl":"javascript:alert(1)",
          "credits":{"mode":"off","balance":null,"minimum":null,"usable":false,"exhausted":false},"pools":{"geminiCli":"unknown","geminiCliReason":null},
          "modelCount":0,"quotaReadAt":null,"problems":[],"quota":[]},
         {"id":"a3","email":"banned@example.com","tier":"Pro","enabled":false,"status":"disabled",
          "reason":"This service has been disabled in this account for violation of Terms of Service. Please submit an appeal to continue using this product.",
          "projectId":"p","fixed":false,"cooldowns":[],"addedAt":"2026-09-01T00:00:00Z","verificationUrl":null,
          "credits":{"mode":"always","balance":10,"minimum":50,"usable":false,"exhausted":true},"pools":{"geminiCli":"unsupported","geminiCliReason":"This client is no longer supported"},
          "modelCount":0,"quotaReadAt":null,"problems":[],"quota":[]}]
        """;

    private const string Forecast = """
        [{"family":"3p","at":"2098-12-31T00:00:00Z","windows":[{"window":"5h","key":"3p-5h","remaining":1.5,"ratePerHour":0.2,"accountsLeft":2}],
          "runsDryAt":"2099-01-01T15:40:00Z","accountsLeft":2,"accounts":3},
         {"family":"gemini","at":"2098-12-31T00:00:00Z","windows":[{"window":"5h","key":"gemini-5h","remaining":1,"accountsLeft":1}],"accountsLeft":1,"accounts":3}]
        """;

    [Fact]
    public async Task PoolView_AccountShapes_MarksWindowsAndShowsOnlyHttpsVerificationLinks()
    {
        await using var h = await BrowserHarness.StartAsync(password: false, importAda: false);
        var page = h.Page;
        await page.RouteAsync(new Regex("/admin/api/accounts$"), r => r.FulfillAsync(new() { ContentType = "application/json", Body = Accounts }));
        await page.RouteAsync(new Regex("/admin/api/quotas/forecast$"), r => r.FulfillAsync(new() { ContentType = "application/json", Body = Forecast }));

        await page.GotoAsync(h.BaseAddress.ToString());

        await Expect(page.Locator("#forecast li[data-family='3p']")).ToContainTextAsync(new Regex(@"^Claude and GPT-OSS: runs dry \S+.*; 2 accounts left$"));
        await Expect(page.Locator("#forecast li[data-family='gemini']")).ToHaveTextAsync("Gemini: no recent use to forecast from; 1 account left");

        var verify = page.Locator("tr[data-id='a1']");
        var link = verify.GetByRole(AriaRole.Link, new() { Name = "Verify this account" });
        await Expect(link).ToHaveAttributeAsync("href", "https://accounts.google.com/signin/continue?sarp=1&plt=x");
        await Expect(link).ToHaveAttributeAsync("rel", new Regex(@"\bnoopener\b"));
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(verify.Locator("[data-window='gemini-5h'] .mark.paused")).ToBeVisibleAsync();
        await Expect(verify.Locator("[data-window='gemini-weekly'] .mark.held")).ToBeVisibleAsync();
        await Expect(verify.Locator("[data-window='3p-weekly'] .mark.stale")).ToBeVisibleAsync();
        await Expect(verify.Locator("[data-window='3p-weekly']").GetByRole(AriaRole.Meter)).ToHaveAttributeAsync("aria-valuenow", "25");
        await Expect(verify.Locator(".credit-mode")).ToHaveTextAsync("last-resort");
        await Expect(verify.Locator(".credit-balance")).ToHaveTextAsync("950");
        await Expect(verify.Locator(".pool-flag")).ToHaveTextAsync("gemini-cli: available");

        var hostile = page.Locator("tr[data-id='a2']");
        await Expect(hostile.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        await Expect(hostile).ToContainTextAsync("not https");
        await Expect(hostile.Locator("th")).ToContainTextAsync("<img src=x onerror=alert(1)>@example.com");
        await Expect(page.Locator("img")).ToHaveCountAsync(0);

        var banned = page.Locator("tr[data-id='a3']");
        await Expect(banned.Locator(".disabled-reason.tos")).ToContainTextAsync("violation of Terms of Service");
        await Expect(banned.Locator(".credits")).ToContainTextAsync("exhausted");
        await Expect(banned.Locator(".pool-flag")).ToHaveTextAsync("gemini-cli: unsupported");
        await h.ScreenshotAsync("10-pool-account-shapes");
    }
}
