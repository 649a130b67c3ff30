using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Switchyard.Accounts;
using Switchyard.Foundation;
using Switchyard.FrontDoors;
using Switchyard.Hosting.Connect;
using Switchyard.Quota;

namespace Switchyard.Hosting.Cli;

/// <summary>
/// <c>switchyard quota [--refresh] [--json]</c>: per account, both quota windows of each family (5 h and weekly) and the
/// image bucket, with bars and reset countdowns; credits and the gemini-cli pool below; per family, when the pool runs dry
/// at the recent rate. The rate comes from readings over time, which only a running gateway has: the forecast is the
/// running gateway's (its <c>GET /v1/quota</c>, at <c>--gateway-url</c> or the configured address), else this process's
/// own (<see cref="QuotaForecaster"/>, from the one reading it has).
/// </summary>
internal static class QuotaCommand
{
    private const int BarWidth = 20;

    public static Command Create(CliContext context)
    {
        var refresh = new Option<bool>("--refresh") { Description = "Read the quota from Google now instead of showing the last stored reading" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var gatewayUrl = new Option<string?>("--gateway-url") { Description = "Running gateway to take the forecast from (default: from Server:Host and Server:Port)" };
        var apiKey = new Option<string?>("--api-key") { Description = "Key to send to it (default: the first of Auth:ApiKeys)" };
        var command = new Command("quota", "Show every account's quota windows (5 h and weekly per model family), credits and pools.") { refresh, json, gatewayUrl, apiKey };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var store = services.GetRequiredService<AccountStore>();
            var quota = services.GetRequiredService<QuotaService>();
            var credits = services.GetRequiredService<IOptions<CreditsOptions>>().Value;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var failed = false;
            await services.GetRequiredService<AccountRegistry>().ReloadAsync(cancellationToken);
            await quota.LoadStoredAsync(cancellationToken);
            if (parse.GetValue(refresh))
            {
                var enabled = services.GetRequiredService<AccountRegistry>().Current.Enabled.ToList();
                for (var i = 0; i < enabled.Count; i++)
                {
                    // Progress on the error stream, one line per account, so the table or JSON on the output stays clean.
                    await context.Error.WriteLineAsync($"Reading quota {i + 1}/{enabled.Count}: {enabled[i].Email}");
                    if (await quota.RefreshAsync(enabled[i].Id, cancellationToken) is { } error)
                    {
                        failed = true;
                        await context.Error.WriteLineAsync($"{enabled[i].Email}: {error}");
                    }
                }
            }

            var accounts = await store.ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var a in accounts)
                {
                    var item = QuotaText.Json(quota.Get(a.Id), credits.ModeFor(a.Id, a.Email), e => quota.IsProtected(a.Id, [e.Group]));
                    item["email"] = a.Email;
                    item["enabled"] = a.Enabled;
                    item["disabledReason"] = a.DisabledReason;
                    item["verificationUrl"] = a.VerificationUrl;
                    array.Add((JsonNode)item);
                }

                await context.Output.WriteLineAsync(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return failed ? 1 : 0;
            }

            if (accounts.Count == 0)
            {
                await context.Output.WriteLineAsync("No accounts yet. Add one with 'switchyard accounts login' or 'switchyard accounts import'.");
                return 0;
            }

            var table = new Table().AddColumns("Account", "Window", "Remaining", "Resets");
            foreach (var a in accounts)
            {
                var q = quota.Get(a.Id);
                if (!a.Enabled && a.DisabledReason is { } why)
                {
                    table.AddRow(new Text(a.Email), new Text("disabled"), new Text(why), new Text(""));
                }
                else if (a.VerificationUrl is not null)
                {
                    table.AddRow(new Text(a.Email), new Text("verify"), new Text("the upstream asks to verify the account (link below)"), new Text(""));
                }

                if (q.Entries.Count == 0)
                {
                    table.AddRow(new Text(a.Email), new Text("-"), new Text(a.Enabled ? "not read yet (use --refresh)" : "disabled"), new Text(""));
                    continue;
                }

                foreach (var (key, entry) in QuotaText.Windows(q))
                {
                    var remaining = entry is null ? new Markup("[grey]not reported[/]")
                        : entry.Disabled ? new Markup("[grey]disabled while the weekly window is empty[/]")
                        : new Markup(Bar(entry.RemainingFraction) + (entry.Stale ? " [grey](stale)[/]" : "") + (quota.IsProtected(a.Id, [key]) ? " [red]protected[/]" : ""));
                    table.AddRow(new Text(a.Email), new Text(QuotaText.Label(key)), remaining, new Text(ResetText(entry?.ResetTime, now)));
                }

                table.AddRow(new Text(a.Email), new Text("credits, pools"), new Text(QuotaText.Extras(q, credits.ModeFor(a.Id, a.Email))), new Text(""));
            }

            CliConsole.For(context.Output).Write(table);
            var target = ConnectTarget.Resolve(parse.GetValue(gatewayUrl), parse.GetValue(apiKey),
                services.GetRequiredService<IOptions<ServerOptions>>().Value, services.GetRequiredService<IOptions<AuthOptions>>().Value, out _);
            if (target is not null && await GatewayForecastAsync(target, cancellationToken) is { Count: > 0 } running)
            {
                foreach (var (family, summary) in running)
                {
                    await context.Output.WriteLineAsync($"{family}: {summary} (running gateway)");
                }
            }
            else
            {
                foreach (var forecast in services.GetRequiredService<QuotaForecaster>().ForecastAll())
                {
                    await context.Output.WriteLineAsync($"{forecast.Family}: {QuotaForecastText.Describe(forecast, TimeZoneInfo.Local)}");
                }
            }

            await QuotaText.WriteVerificationLinksAsync(context.Output, accounts);
            return failed ? 1 : 0;
        }));
        return command;
    }

    /// <summary>Each family's forecast summary from a running gateway's <c>GET /v1/quota</c>; empty when none answers.</summary>
    private static async Task<List<(string Family, string Summary)>> GatewayForecastAsync(ConnectTarget target, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = StatusLineCommand.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, target.GatewayUrl + "/v1/quota");
        request.Headers.TryAddWithoutValidation("x-api-key", target.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            var report = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return [.. (report?["families"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(f => ((string?)f["family"] ?? "?", (string?)f["forecast"]?["summary"]))
                .Where(f => f.Item2 is not null)
                .Select(f => (f.Item1, f.Item2!))];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            return [];
        }
    }

    /// <summary>A 20-cell bar: red under 20 %, yellow under 60 %, green otherwise.</summary>
    public static string Bar(double fraction)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth);
        var colour = fraction < 0.2 ? "red" : fraction < 0.6 ? "yellow" : "green";
        return $"[{colour}]{new string('█', filled)}[/][grey]{new string('░', BarWidth - filled)}[/] {(fraction * 100).ToString("0", CultureInfo.InvariantCulture)}%";
    }

    public static string ResetText(DateTimeOffset? reset, DateTimeOffset now)
    {
        if (reset is not { } at)
        {
            return "-";
        }

        var left = at - now;
        if (left <= TimeSpan.Zero)
        {
            return "resetting";
        }

        return left.TotalDays >= 1 ? $"in {(int)left.TotalDays}d {left.Hours}h" : left.TotalHours >= 1 ? $"in {(int)left.TotalHours}h {left.Minutes}m" : $"in {Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))}m";
    }
}
