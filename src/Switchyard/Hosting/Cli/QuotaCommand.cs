using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Switchyard.Accounts;
using Switchyard.Quota;

namespace Switchyard.Hosting.Cli;

/// <summary><c>switchyard quota [--refresh] [--json]</c>: remaining quota per account and model group, with bars.</summary>
internal static class QuotaCommand
{
    private const int BarWidth = 20;

    public static Command Create(CliContext context)
    {
        var refresh = new Option<bool>("--refresh") { Description = "Read the quota from Google now instead of showing the last stored reading" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("quota", "Show the remaining quota of every account per model group.") { refresh, json };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var store = services.GetRequiredService<AccountStore>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var thresholds = services.GetRequiredService<IOptions<QuotaOptions>>().Value.ProtectionThresholds;
            var failed = false;
            if (parse.GetValue(refresh))
            {
                await services.GetRequiredService<AccountRegistry>().ReloadAsync(cancellationToken);
                var errors = await services.GetRequiredService<QuotaService>().RefreshAllAsync(cancellationToken);
                var byId = (await store.ListAsync(cancellationToken)).ToDictionary(a => a.Id);
                foreach (var (id, error) in errors)
                {
                    failed = true;
                    await context.Error.WriteLineAsync($"{(byId.TryGetValue(id, out var a) ? a.Email : id)}: {error}");
                }
            }

            var accounts = await store.ListAsync(cancellationToken);
            var quotas = await store.ListQuotasAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var a in accounts)
                {
                    var groups = new JsonArray();
                    foreach (var q in quotas.GetValueOrDefault(a.Id) ?? [])
                    {
                        groups.Add(new JsonObject
                        {
                            ["group"] = q.Group,
                            ["remainingFraction"] = q.RemainingFraction,
                            ["resetTime"] = q.ResetTime?.ToString("O", CultureInfo.InvariantCulture),
                            ["protected"] = IsBelow(thresholds, q),
                            ["updatedAt"] = q.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
                        });
                    }

                    array.Add(new JsonObject { ["email"] = a.Email, ["enabled"] = a.Enabled, ["groups"] = groups });
                }

                await context.Output.WriteLineAsync(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return failed ? 1 : 0;
            }

            if (accounts.Count == 0)
            {
                await context.Output.WriteLineAsync("No accounts yet. Add one with 'switchyard accounts login' or 'switchyard accounts import'.");
                return 0;
            }

            var table = new Table().AddColumns("Account", "Group", "Remaining", "Resets");
            foreach (var a in accounts)
            {
                var entries = quotas.GetValueOrDefault(a.Id) ?? [];
                if (entries.Count == 0)
                {
                    table.AddRow(new Text(a.Email), new Text("-"), new Text(a.Enabled ? "not read yet (use --refresh)" : "disabled"), new Text(""));
                    continue;
                }

                foreach (var q in entries)
                {
                    table.AddRow(new Text(a.Email), new Text(q.Group), new Markup(Bar(q.RemainingFraction) + (IsBelow(thresholds, q) ? " [red]protected[/]" : "")), new Text(ResetText(q.ResetTime, now)));
                }
            }

            CliConsole.For(context.Output).Write(table);
            return failed ? 1 : 0;
        }));
        return command;
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

    private static bool IsBelow(Dictionary<string, double> thresholds, QuotaEntry q) =>
        thresholds.TryGetValue(q.Group, out var t) && q.RemainingFraction < t;
}
