using System.Net;
using System.Text;
using Microsoft.Playwright;
using Switchyard.RequestLog;
using static Microsoft.Playwright.Assertions;

namespace Switchyard.BrowserTests;

/// <summary>
/// Requests through the gateway, then the request view (filters through the admin API, a paused live feed, the
/// detail's curl command) and the charts (range switch, uPlot on a time axis, tooltips): accessibility and screenshots.
/// </summary>
public sealed class RequestsAndChartsTests
{
    [Fact]
    public async Task RequestsAndCharts_FilterPauseCurlAndRangeSwitch_Work()
    {
        await using var h = await BrowserHarness.StartAsync(password: false, importAda: true);
        using var http = new HttpClient { BaseAddress = h.BaseAddress };
        var page = h.Page;
        await page.SetViewportSizeAsync(ViewChecks.Desktop.Width, ViewChecks.Desktop.Height);
        await SendAsync(http, "v1/messages", """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text one]]"}]}""");
        await SendAsync(http, "v1/chat/completions", """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text two]]"}]}""");

        await h.Get<RequestLogWriter>().FlushAsync(BrowserHarness.Ct);
        await page.GotoAsync(new Uri(h.BaseAddress, "#/requests").ToString());
        await Expect(page.Locator("#feed-state")).ToHaveTextAsync("Live");
        var rows = page.Locator("#feed tbody tr");
        await Expect(rows).ToHaveCountAsync(2);

        // Filters go to the admin API as its query parameters; its 400 shows as the message.
        await page.SelectOptionAsync("#f-protocol", "openai");
        var search = await page.RunAndWaitForRequestAsync(() => page.ClickAsync("#apply-filters"), r => r.Url.Contains("/admin/api/requests?", StringComparison.Ordinal));
        Assert.Contains("protocol=openai", search.Url, StringComparison.Ordinal);
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("openai");
        await page.FillAsync("#f-status", "abc");
        await page.ClickAsync("#apply-filters");
        await Expect(page.Locator("#filter-error")).ToContainTextAsync("'status' must be");
        await page.ClickAsync("#clear-filters");
        await Expect(rows).ToHaveCountAsync(2);

        // A paused feed holds new requests until resumed.
        await page.ClickAsync("#feed-pause");
        await Expect(page.Locator("#feed-pause")).ToHaveAttributeAsync("aria-pressed", "true");
        var third = await SendAsync(http, "v1/messages", """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text three]]"}]}""");
        await Expect(page.Locator("#feed-state")).ToHaveTextAsync("Paused (1 new)");
        await Expect(rows).ToHaveCountAsync(2);
        await page.ClickAsync("#feed-pause");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", third);
        await ViewChecks.AssertAccessibleAsync(page, "requests");
        await ViewChecks.ScreenshotsAsync(h, "requests");

        // The detail keeps its sections and adds a curl command with the key as a shell variable.
        await rows.First.GetByRole(AriaRole.Link, new() { Name = "Details" }).ClickAsync();
        await Expect(page.Locator("#attempts tbody tr").First).ToContainTextAsync(BrowserHarness.Ada);
        // The scheduler's reasoning: the pick, and the one account it considered with its status.
        await Expect(page.Locator("#decision-trace > li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#decision-trace table.candidates tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#decision-trace table.candidates tbody tr")).ToContainTextAsync("picked");
        await Expect(page.Locator("#curl")).ToContainTextAsync("/v1/messages'");
        await Expect(page.Locator("#curl")).ToContainTextAsync("x-api-key: $SWITCHYARD_API_KEY");
        await h.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.ClickAsync("#copy-curl");
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Copied the curl command");
        Assert.StartsWith("curl ", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"), StringComparison.Ordinal);
        await ViewChecks.AssertAccessibleAsync(page, "request detail");
        await ViewChecks.ScreenshotsAsync(h, "request-detail");

        // Charts: a day by default; the week range asks the API for seven days and draws again.
        await page.GotoAsync(new Uri(h.BaseAddress, "#/charts").ToString());
        await Expect(page.Locator("#chart-body .uplot")).ToHaveCountAsync(5);
        await Expect(page.Locator("#range-day")).ToHaveAttributeAsync("aria-pressed", "true");
        var week = await page.RunAndWaitForRequestAsync(() => page.ClickAsync("#range-week"), r => r.Url.Contains("/admin/api/stats?", StringComparison.Ordinal));
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(week.Url).Query);
        var span = DateTimeOffset.Parse(query["to"]!, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(query["from"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromDays(7), span);
        await Expect(page.Locator("#chart-body")).ToHaveAttributeAsync("data-range", "week");
        await Expect(page.Locator("#range-week")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#chart-body .uplot")).ToHaveCountAsync(5);
        var over = page.Locator("#chart-body .uplot .u-over").First;
        var box = (await over.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width - 4, box.Y + (box.Height / 2));
        await Expect(page.Locator(".chart-tip").First).ToContainTextAsync(BrowserHarness.Ada);
        await ViewChecks.AssertAccessibleAsync(page, "charts");
        await ViewChecks.ScreenshotsAsync(h, "charts");
    }

    private static async Task<string> SendAsync(HttpClient http, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await http.SendAsync(request, BrowserHarness.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-Request-Id").Single();
    }
}
