using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Switchyard.BrowserTests;

/// <summary>What every dashboard view is checked for: axe-core finds nothing serious or critical; a screenshot at desktop and phone width.</summary>
internal static class ViewChecks
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Runs axe-core on the page as it is; fails listing each serious or critical violation and where.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string view)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{view}: " + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }

    /// <summary>The view at desktop then phone width (then desktop again), as <c>{name}-desktop.png</c> and <c>{name}-phone.png</c>.</summary>
    public static async Task ScreenshotsAsync(BrowserHarness h, string name)
    {
        await h.Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await h.ScreenshotAsync(name + "-desktop");
        await h.Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        var overflow = await h.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name}: the page is {overflow} px wider than a phone's viewport.");
        await h.ScreenshotAsync(name + "-phone");
        await h.Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
    }
}
