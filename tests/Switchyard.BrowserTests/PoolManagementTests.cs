using Microsoft.Playwright;
using Switchyard.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Switchyard.BrowserTests;

/// <summary>
/// The sign-in page and the pool with a password set (cookie session, CSRF token): search, sort, filters, bulk
/// actions, import from a file and an encrypted export, dark mode, accessibility and screenshots. One page load.
/// </summary>
public sealed class PoolManagementTests
{
    private const string Passphrase = "export passphrase 7";

    [Fact]
    public async Task Pool_SignedIn_SearchFilterBulkImportExportAndDarkModeWork()
    {
        await using var h = await BrowserHarness.StartAsync(password: true, importAda: true);
        var page = h.Page;
        await page.SetViewportSizeAsync(ViewChecks.Desktop.Width, ViewChecks.Desktop.Height);
        var store = h.Get<AccountStore>();

        await page.GotoAsync(h.BaseAddress.ToString());
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
        await Expect(page.Locator("#nav a")).ToHaveCountAsync(4);
        Assert.Equal(0, await page.Locator("nav:visible, a[href^='#/']:visible").CountAsync());
        await Expect(page.Locator("link[rel=icon]")).ToHaveAttributeAsync("href", "/dashboard/favicon.svg");
        await ViewChecks.AssertAccessibleAsync(page, "sign-in");
        await ViewChecks.ScreenshotsAsync(h, "signin");

        await page.FillAsync("#password", BrowserHarness.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        var ada = page.Locator($"tr[data-email='{BrowserHarness.Ada}']");
        await Expect(ada).ToBeVisibleAsync();
        await Expect(page.Locator("#nav")).ToBeVisibleAsync();

        // The admin password and session stay out of browser storage; a change without the CSRF header is refused.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        var refused = await page.EvaluateAsync<int>($"async () => (await fetch('/admin/api/accounts/{BrowserHarness.Ada}/disable', {{ method: 'POST', headers: {{ 'Content-Type': 'application/json' }}, body: '{{}}' }})).status");
        Assert.Equal(403, refused);
        Assert.True((await store.FindAsync(BrowserHarness.Ada, BrowserHarness.Ct))!.Enabled);

        // Import Grace from a file holding her refresh token.
        var grant = await h.Emulator.Control.MintTokensAsync(BrowserHarness.Grace, cancellationToken: BrowserHarness.Ct);
        var tokenFile = Path.Combine(h.DataDir, "grace-token.txt");
        await File.WriteAllTextAsync(tokenFile, grant.RefreshToken, BrowserHarness.Ct);
        await page.SetInputFilesAsync("#import-file", tokenFile);
        var grace = page.Locator($"tr[data-email='{BrowserHarness.Grace}']");
        await Expect(grace).ToBeVisibleAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("1 added");
        var rows = page.Locator("#accounts tbody tr");
        await Expect(rows).ToHaveCountAsync(2);

        // Search, tier filter, sort.
        await page.FillAsync("#pool-search", "grace");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(grace).ToBeVisibleAsync();
        await page.FillAsync("#pool-search", "");
        await page.SelectOptionAsync("#filter-tier", "Ultra");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(ada).ToBeVisibleAsync();
        await page.SelectOptionAsync("#filter-tier", "");
        await page.SelectOptionAsync("#pool-sort", "added");
        await Expect(rows.First).ToHaveAttributeAsync("data-email", BrowserHarness.Grace);
        await page.SelectOptionAsync("#pool-sort", "email");
        await Expect(rows.First).ToHaveAttributeAsync("data-email", BrowserHarness.Ada);

        // Bulk disable, the status filter, bulk enable.
        await page.CheckAsync("#select-all");
        await Expect(page.Locator("#selected-count")).ToHaveTextAsync("2 selected");
        await page.ClickAsync("#bulk-disable");
        await Expect(page.Locator("#accounts .status.disabled")).ToHaveCountAsync(2);
        Assert.All(await store.ListAsync(BrowserHarness.Ct), a => Assert.False(a.Enabled));
        await page.SelectOptionAsync("#filter-status", "ok");
        await Expect(rows).ToHaveCountAsync(0);
        await page.SelectOptionAsync("#filter-status", "disabled");
        await Expect(rows).ToHaveCountAsync(2);
        await page.ClickAsync("#bulk-enable");
        await Expect(rows).ToHaveCountAsync(0);
        await page.SelectOptionAsync("#filter-status", "");
        await Expect(page.Locator("#accounts .status.ok")).ToHaveCountAsync(2);
        Assert.All(await store.ListAsync(BrowserHarness.Ct), a => Assert.True(a.Enabled));

        // Export: Escape closes the dialog; a short passphrase is refused; the file is an encrypted export.
        await page.ClickAsync("#export-accounts");
        await Expect(page.Locator("dialog")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("dialog")).ToHaveCountAsync(0);
        await page.ClickAsync("#export-accounts");
        await page.FillAsync("#dialog-input", "short");
        await page.ClickAsync("dialog button[type=submit]");
        await Expect(page.Locator("dialog .error")).ToContainTextAsync("At least 8");
        await page.FillAsync("#dialog-input", Passphrase);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("dialog button[type=submit]"));
        var exported = Path.Combine(h.DataDir, "export.json");
        await download.SaveAsAsync(exported);
        var text = await File.ReadAllTextAsync(exported, BrowserHarness.Ct);
        Assert.Contains("switchyard-accounts-encrypted", text, StringComparison.Ordinal);
        Assert.DoesNotContain(BrowserHarness.AdaRefresh, text, StringComparison.Ordinal);

        // Bulk remove Grace, then bring her back from the encrypted export.
        await page.UncheckAsync("#select-all");
        await grace.Locator("input.select-row").CheckAsync();
        await page.ClickAsync("#bulk-remove");
        await page.ClickAsync("dialog button[type=submit]");
        await Expect(grace).ToHaveCountAsync(0);
        Assert.Single(await store.ListAsync(BrowserHarness.Ct));
        await page.SetInputFilesAsync("#import-file", exported);
        await page.FillAsync("#dialog-input", Passphrase);
        await page.ClickAsync("dialog button[type=submit]");
        await Expect(grace).ToBeVisibleAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("1 added, 1 updated");
        Assert.Equal(2, (await store.ListAsync(BrowserHarness.Ct)).Count);

        await ViewChecks.AssertAccessibleAsync(page, "pool");
        await ViewChecks.ScreenshotsAsync(h, "pool");

        // Dark mode follows the system.
        var light = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(11, 17, 32)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.NotEqual("rgb(11, 17, 32)", light);
        await ViewChecks.AssertAccessibleAsync(page, "pool (dark)");
        await ViewChecks.ScreenshotsAsync(h, "pool-dark");
    }
}
