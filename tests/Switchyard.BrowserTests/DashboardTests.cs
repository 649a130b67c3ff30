using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Switchyard.Accounts;
using Switchyard.Scheduling;
using static Microsoft.Playwright.Assertions;

namespace Switchyard.BrowserTests;

public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_SignInAddAccountChangeStrategyAndPin_AllTakeEffect()
    {
        await using var h = await BrowserHarness.StartAsync(password: true, importAda: false);
        var page = h.Page;

        await page.GotoAsync(h.BaseAddress.ToString());
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("#login-form button[type=submit]");
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Wrong password.");
        await h.ScreenshotAsync("01-login-wrong-password");
        await page.FillAsync("#password", BrowserHarness.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await Expect(page.Locator("#pool-title")).ToBeVisibleAsync();

        // Add Ada through the emulator's consent page; the callback lands on the gateway and returns to the dashboard.
        await page.ClickAsync("#add-account");
        await page.ClickAsync($"button[data-email='{BrowserHarness.Ada}']");
        var adaRow = page.Locator($"tr[data-email='{BrowserHarness.Ada}']");
        await Expect(adaRow).ToBeVisibleAsync();
        await Expect(adaRow).ToContainTextAsync("Ultra");
        await Expect(page.Locator("#toast")).ToContainTextAsync($"Added {BrowserHarness.Ada}");
        await page.ClickAsync("#add-account");
        await page.ClickAsync($"button[data-email='{BrowserHarness.Grace}']");
        await Expect(page.Locator($"tr[data-email='{BrowserHarness.Grace}']")).ToBeVisibleAsync();

        await page.SelectOptionAsync("#strategy", "round-robin");
        await Expect(page.Locator("#scheduling-status")).ToHaveTextAsync("Saved");
        await adaRow.GetByRole(AriaRole.Button, new() { Name = "Pin", Exact = true }).ClickAsync();
        await Expect(adaRow).ToContainTextAsync("Pinned");
        await Expect(page.Locator("#pinned")).ToHaveTextAsync(BrowserHarness.Ada);
        await adaRow.GetByRole(AriaRole.Button, new() { Name = "Refresh quota" }).ClickAsync();
        await Expect(adaRow.GetByRole(AriaRole.Meter, new() { Name = "3p weekly quota" })).ToBeVisibleAsync();
        await Expect(adaRow.GetByRole(AriaRole.Meter, new() { Name = "3p 5h quota" })).ToBeVisibleAsync();
        await h.ScreenshotAsync("02-pool-pinned-round-robin");

        var scheduling = h.Get<IOptionsMonitor<SchedulingOptions>>().CurrentValue;
        var ada = (await h.Get<AccountStore>().FindAsync(BrowserHarness.Ada, BrowserHarness.Ct))!;
        Assert.Equal("round-robin", scheduling.Strategy);
        Assert.Equal(ada.Id, scheduling.FixedAccount);
        Assert.Equal(2, (await h.Get<AccountStore>().ListAsync(BrowserHarness.Ct)).Count);
    }

    [Fact]
    public async Task Dashboard_RequestThroughGateway_AppearsInLiveFeedAndOpensItsDetail()
    {
        await using var h = await BrowserHarness.StartAsync(password: false, importAda: true);
        using var http = new HttpClient { BaseAddress = h.BaseAddress };
        var page = h.Page;
        await page.GotoAsync(new Uri(h.BaseAddress, "#/requests").ToString());
        await Expect(page.Locator("#feed-state")).ToHaveTextAsync("Live");

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
        {
            Content = new StringContent("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text Hello from the feed]]"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await http.SendAsync(request, BrowserHarness.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = response.Headers.GetValues("X-Request-Id").Single();

        var row = page.Locator($"#feed tbody tr[data-id='{id}']");
        await Expect(row).ToContainTextAsync("claude-sonnet-4-5");
        await Expect(row).ToContainTextAsync(BrowserHarness.Ada);
        await h.ScreenshotAsync("03-live-feed");
        await row.GetByRole(AriaRole.Link, new() { Name = "Details" }).ClickAsync();
        await Expect(page.Locator("#request-detail")).ToBeVisibleAsync();
        await Expect(page.Locator("#attempts tbody tr").First).ToContainTextAsync(BrowserHarness.Ada);
        await h.ScreenshotAsync("04-request-detail");
    }

    /// <summary>
    /// The feed, detail and charts against the request-log JSON shapes agreed with the request-log branch, served by
    /// Playwright's router (so the dashboard's rendering is checked on this branch too).
    /// </summary>
    [Fact]
    public async Task Dashboard_RequestLogShapes_RenderFeedDetailAndCharts()
    {
        await using var h = await BrowserHarness.StartAsync(password: false, importAda: false);
        var page = h.Page;
        const string Summary = """
            {"id":"r-1","startedAt":"2026-01-01T10:00:00Z","protocol":"anthropic","endpoint":"/v1/messages","requestedModel":"claude-sonnet-4-5",
             "mappedModel":"claude-sonnet-4-5-thinking","account":"ada@example.com","status":200,"latencyMs":812,"ttfbMs":120,"inputTokens":1200,
             "outputTokens":340,"thinkingTokens":80,"attempts":2,"repairs":1,"error":null,"stream":true,"clientKey":"laptop"}
            """;
        const string Detail = """
            {"id":"r-1","startedAt":"2026-01-01T10:00:00Z","protocol":"anthropic","endpoint":"/v1/messages","requestedModel":"claude-sonnet-4-5",
             "mappedModel":"claude-sonnet-4-5-thinking","account":"ada@example.com","status":200,"latencyMs":812,"ttfbMs":120,"inputTokens":1200,
             "outputTokens":340,"thinkingTokens":80,"error":null,"stream":true,"clientKey":"laptop",
             "attempts":[{"number":1,"accountId":"g1","accountEmail":"grace@example.com","pool":"antigravity","host":"prod","status":429,"outcome":"RateLimited","durationMs":40,"waitMs":0,"decision":"rotate: rate limited for 30 s"},
                         {"number":2,"accountId":"a1","accountEmail":"ada@example.com","pool":"antigravity","host":"prod","status":200,"outcome":"Success","durationMs":770,"waitMs":0,"decision":"next account (round-robin)"}],
             "repairs":[{"kind":"thinking-signature","detail":"dropped an unsigned thinking block"}]}
            """;
        const string Stats = """
            {"series":[{"key":"ada@example.com","points":[{"hour":"2026-01-01T09:00:00Z","requests":12,"errors":1,"rateLimited":0,"inputTokens":9000,"outputTokens":2000},
                                                          {"hour":"2026-01-01T10:00:00Z","requests":20,"errors":0,"rateLimited":2,"inputTokens":15000,"outputTokens":4000}]},
                       {"key":"grace@example.com","points":[{"hour":"2026-01-01T09:00:00Z","requests":5,"errors":0,"rateLimited":3,"inputTokens":3000,"outputTokens":900},
                                                            {"hour":"2026-01-01T10:00:00Z","requests":9,"errors":2,"rateLimited":1,"inputTokens":7000,"outputTokens":1500}]}]}
            """;
        await page.RouteAsync(new Regex("/admin/api/requests\\?"), r => r.FulfillAsync(new() { ContentType = "application/json", Body = "[]" }));
        await page.RouteAsync(new Regex("/admin/api/requests/live$"), r => r.FulfillAsync(new() { ContentType = "text/event-stream", Body = "retry: 60000\nevent: request\ndata: " + Summary.ReplaceLineEndings(" ") + "\n\n" }));
        await page.RouteAsync(new Regex("/admin/api/requests/r-1$"), r => r.FulfillAsync(new() { ContentType = "application/json", Body = Detail }));
        await page.RouteAsync(new Regex("/admin/api/stats\\?by=account&"), r => r.FulfillAsync(new() { ContentType = "application/json", Body = Stats }));

        await page.GotoAsync(new Uri(h.BaseAddress, "#/requests").ToString());
        var row = page.Locator("#feed tbody tr[data-id='r-1']");
        await Expect(row).ToContainTextAsync("claude-sonnet-4-5-thinking");
        await Expect(row).ToContainTextAsync("1,200 / 340");
        await Expect(page.Locator("#feed tbody tr")).ToHaveCountAsync(1);
        await h.ScreenshotAsync("05-feed-shapes");
        await row.GetByRole(AriaRole.Link, new() { Name = "Details" }).ClickAsync();
        await Expect(page.Locator("#attempts tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#attempts tbody tr").First).ToContainTextAsync("rotate: rate limited for 30 s");
        await Expect(page.Locator("#repairs")).ToContainTextAsync("thinking-signature");
        await h.ScreenshotAsync("06-detail-shapes");
        await page.GotoAsync(new Uri(h.BaseAddress, "#/charts").ToString());
        await Expect(page.Locator("#charts figure")).ToHaveCountAsync(5);
        await Expect(page.Locator("#charts figure .uplot")).ToHaveCountAsync(4);
        await Expect(page.Locator("#charts figure").First.Locator(".u-legend")).ToContainTextAsync("grace@example.com");
        await h.ScreenshotAsync("07-charts-shapes");
    }
}
