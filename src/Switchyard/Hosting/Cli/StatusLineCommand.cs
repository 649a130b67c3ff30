using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.FrontDoors;
using Switchyard.Hosting.Connect;

namespace Switchyard.Hosting.Cli;

/// <summary>
/// <c>switchyard statusline [--gateway-url URL] [--api-key KEY]</c>: one short line with the pool's quota, read from the
/// running gateway's <c>GET /v1/quota</c>, for Claude Code's <c>statusLine</c> command, opencode users' shell prompt or
/// tmux: <c>Claude 5h 62% (1h20m) wk 80% | Gemini 5h 100% wk 97%</c>. The percentages are the pool's mean remaining;
/// the time in brackets is the soonest reset of a 5 h window that is not full. Standard input (Claude Code's session
/// JSON) is not read. Exit 1 with a short line when the gateway does not answer.
/// </summary>
internal static class StatusLineCommand
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Claude Code's <c>statusLine</c> setting that runs this command.</summary>
    public static JsonObject ClaudeCodeSetting() => new() { ["type"] = "command", ["command"] = "switchyard statusline", ["padding"] = 0 };

    public static Command Create(CliContext context)
    {
        var gatewayUrl = new Option<string?>("--gateway-url") { Description = "Gateway URL (default: from Server:Host and Server:Port)" };
        var apiKey = new Option<string?>("--api-key") { Description = "Key to send (default: the first of Auth:ApiKeys)" };
        var command = new Command("statusline", "Print one short line with the pool's quota per family (for Claude Code's status line, tmux or a prompt).")
        {
            gatewayUrl, apiKey,
        };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var target = ConnectTarget.Resolve(parse.GetValue(gatewayUrl), parse.GetValue(apiKey),
                services.GetRequiredService<IOptions<ServerOptions>>().Value, services.GetRequiredService<IOptions<AuthOptions>>().Value, out var error);
            if (target is null)
            {
                await context.Error.WriteLineAsync(error);
                return 2;
            }

            using var http = new HttpClient { Timeout = Timeout };
            using var request = new HttpRequestMessage(HttpMethod.Get, target.GatewayUrl + "/v1/quota");
            request.Headers.TryAddWithoutValidation("x-api-key", target.ApiKey);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    await context.Output.WriteLineAsync($"switchyard: quota unavailable ({(int)response.StatusCode})");
                    return 1;
                }

                var report = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
                await context.Output.WriteLineAsync(Format(report, services.GetRequiredService<TimeProvider>().GetUtcNow()));
                return 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                await context.Output.WriteLineAsync($"switchyard: no gateway at {target.GatewayUrl}");
                return 1;
            }
        }));
        return command;
    }

    /// <summary>The line for a <c>/v1/quota</c> report at <paramref name="now"/>; families with no reading show "?".</summary>
    public static string Format(JsonNode report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var parts = new List<string>();
        foreach (var family in (report["families"] as JsonArray ?? []).OfType<JsonObject>().OrderBy(f => (string?)f["family"] == "3p" ? 0 : 1))
        {
            var text = new StringBuilder((string?)family["family"] == "3p" ? "Claude" : "Gemini");
            foreach (var window in (family["windows"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = (string?)window["window"] == "weekly" ? "wk" : "5h";
                var remaining = window["remaining"] is JsonValue v && v.TryGetValue<double>(out var r) ? r : (double?)null;
                text.Append(' ').Append(name).Append(' ')
                    .Append(remaining is { } x ? Math.Round(x * 100).ToString(CultureInfo.InvariantCulture) + "%" : "?");
                if (name == "5h" && remaining is < 1 && window["reset"] is JsonValue rv && rv.TryGetValue<DateTimeOffset>(out var reset) && reset > now)
                {
                    text.Append(" (").Append(Countdown(reset - now)).Append(')');
                }
            }

            parts.Add(text.ToString());
        }

        return parts.Count == 0 ? "switchyard: no quota read yet" : string.Join(" | ", parts);
    }

    private static string Countdown(TimeSpan left) => left.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalHours}h{left.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))}m");
}
