using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Switchyard.BrowserTests;

/// <summary>What every dashboard view is checked for: axe-core finds nothing serious or critical; a screenshot at desktop and phone width.</summary>
internal static class ViewChecks
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>The elements (outside scrolling tables) that stick out of the viewport, for the failure message.</summary>
    private const string WidestScript = """
        () => [...document.querySelectorAll('body *')]
          .filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 10).map((el) => `${el.tagName}#${el.id}.${el.className}`).join(', ')
        """;

    /// <summary>Runs axe-core on the page as it is; fails listing each serious or critical violation and where.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string view)
    {
        // The toast is a transient overlay; over a table cell it makes axe measure that cell against the toast.
        await page.EvaluateAsync("() => document.getElementById('toast')?.classList.remove('show')");
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
        if (overflow > 0)
        {
            var wide = await h.Page.EvaluateAsync<string>(WidestScript);
            Assert.Fail($"{name}: the page is {overflow} px wider than a phone's viewport: {wide}");
        }
        await h.ScreenshotAsync(name + "-phone");
        await h.Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
    }
}
