using Microsoft.Extensions.Options;
using Switchyard.Scheduling;
using static Microsoft.Playwright.Assertions;

namespace Switchyard.BrowserTests;

/// <summary>The settings view: every runtime setting, the API's validation message next to its field, a valid change applied at once.</summary>
public sealed class SettingsViewTests
{
    [Fact]
    public async Task Settings_InvalidThenValidValue_ShowsTheMessageThenApplies()
    {
        await using var h = await BrowserHarness.StartAsync(password: false, importAda: false);
        var page = h.Page;
        await page.SetViewportSizeAsync(ViewChecks.Desktop.Width, ViewChecks.Desktop.Height);
        var before = h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.MaxWaitSeconds;

        await page.GotoAsync(new Uri(h.BaseAddress, "#/settings").ToString());
        await Expect(page.Locator("#settings-table tbody tr[data-key='Scheduling:Strategy']")).ToBeVisibleAsync();
        await Expect(page.Locator("#settings-table tbody tr[data-key^='Quota:ProtectionThresholds:']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#settings-table tbody tr").First).ToContainTextAsync("No: applies at once");

        var row = page.Locator("#settings-table tbody tr[data-key='Scheduling:MaxWaitSeconds']");
        await row.Locator("input").FillAsync("-5");
        await row.Locator("button[data-action=save]").ClickAsync();
        await Expect(row.Locator(".field-error")).ToContainTextAsync("MaxWaitSeconds");
        await Expect(row.Locator("input")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(before, h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.MaxWaitSeconds);
        await ViewChecks.AssertAccessibleAsync(page, "settings (invalid value)");

        await row.Locator("input").FillAsync("30");
        await row.Locator("input").PressAsync("Enter");
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Saved Scheduling:MaxWaitSeconds");
        await Expect(row).ToContainTextAsync("set here");
        await Expect(row.Locator(".field-error")).ToHaveTextAsync("");
        Assert.Equal(30, h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue.MaxWaitSeconds);
        await ViewChecks.AssertAccessibleAsync(page, "settings");
        await ViewChecks.ScreenshotsAsync(h, "settings");
    }
}
