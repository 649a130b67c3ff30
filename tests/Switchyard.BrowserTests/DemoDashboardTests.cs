using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchyard.Emulator.Control;
using Switchyard.Hosting.Cli;
using Switchyard.Hosting.Demo;
using Switchyard.Testing;
using static Microsoft.Playwright.Assertions;

namespace Switchyard.BrowserTests;

/// <summary>
/// <c>switchyard demo</c>, started in-process as a user would start it, and its dashboard in Chromium: the first screen
/// (the pool view) shows both quota windows of each family for every demo account; after the upstream answers the
/// version-floor notice, a banner names the setting to change.
/// </summary>
public sealed partial class DemoDashboardTests
{
    private static readonly string[] DemoAccounts = ["ada@example.com", "grace@example.com", "alan@example.com"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_FirstScreen_ShowsBothWindowsPerFamily_AndTheVersionBannerAfterANotice()
    {
        var chromium = BrowserHarness.ChromiumPath;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new LineSignalWriter(DemoCommand.ReadyMarker);
        var error = new StringWriter();
        var run = SwitchyardCli.RunAsync(["demo", "--port", "0", "--emulator-port", "0"], output, error, stop.Token);
        try
        {
            var first = await Task.WhenAny(output.Seen, run).WaitAsync(Ct);
            Assert.True(first == output.Seen, $"the demo ended before it was ready: {output} {error}");
            var ready = ReadyPattern().Match(await output.Seen);
            Assert.True(ready.Success, await output.Seen);
            var gateway = new Uri(ready.Groups[1].Value + "/");
            var emulator = new Uri(ready.Groups[2].Value);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            await page.GotoAsync(gateway.ToString());

            // The first screen is the pool: both windows of each family, with the fraction the demo seeded and a countdown.
            await Expect(page.Locator("#pool-title")).ToBeVisibleAsync();
            foreach (var email in DemoAccounts)
            {
                await Expect(page.Locator($"tr[data-email='{email}']")).ToBeVisibleAsync();
            }

            var ada = page.Locator("tr[data-email='ada@example.com']");
            foreach (var (window, pct) in new[] { ("gemini-5h", 86), ("gemini-weekly", 71), ("3p-5h", 58), ("3p-weekly", 64) })
            {
                var cell = ada.Locator($".window[data-window='{window}']");
                await Expect(cell.GetByRole(AriaRole.Meter)).ToHaveAttributeAsync("aria-valuenow", new Regex($"^({pct - 1}|{pct}|{pct + 1})$"));
                await Expect(cell.Locator(".countdown")).ToHaveTextAsync(new Regex(@"^\d+(d|h|m|s)"));
            }

            await Expect(ada.Locator(".window[data-window='3p-weekly'] .countdown")).ToHaveTextAsync(new Regex(@"^5d \d+h$"));
            var grace = page.Locator("tr[data-email='grace@example.com']");
            await Expect(grace.Locator(".window[data-window]")).ToHaveCountAsync(4);

            // Alan is on the free tier: weekly windows only, and the 5 h cells say so.
            var alan = page.Locator("tr[data-email='alan@example.com']");
            await Expect(alan.Locator(".window[data-window='gemini-weekly']").GetByRole(AriaRole.Meter)).ToBeVisibleAsync();
            await Expect(alan.Locator("[data-window='gemini-5h']")).ToHaveTextAsync("none (free tier)");
            await Expect(ada.Locator(".credit-mode")).ToHaveTextAsync("off");
            await Expect(ada.Locator(".pool-flag")).ToContainTextAsync("gemini-cli:");
            await Expect(page.Locator("#version-banner")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHarness.ScreenshotDir, "08-demo-pool-windows.png"), FullPage = true });

            // The upstream answers the version-floor notice on every host: the client gets an error, the dashboard a banner.
            using var control = new EmulatorControlClient(new HttpClient { BaseAddress = emulator });
            await control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"*enerateContent"},"action":{"type":"notice"}}""")!.AsObject(), Ct);
            using var http = new HttpClient { BaseAddress = gateway };
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
            {
                Content = new StringContent("""{"model":"claude-sonnet-4-6","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("anthropic-version", "2023-06-01");
            using var refused = await http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);

            await page.ReloadAsync();
            var banner = page.Locator("#version-banner");
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner.Locator("#version-setting")).ToHaveTextAsync("Upstream:UserAgent");
            await Expect(banner).ToContainTextAsync("no longer supported");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHarness.ScreenshotDir, "09-demo-version-banner.png"), FullPage = true });

            // Nothing the dashboard keeps in the browser: no storage, no cookie (the demo's admin API is open on loopback).
            Assert.Equal("0", await page.EvaluateAsync<string>("() => String(localStorage.length + sessionStorage.length)"));
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await run);
    }

    [GeneratedRegex(@"gateway (http://127\.0\.0\.1:\d+), emulator (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ReadyPattern();
}
