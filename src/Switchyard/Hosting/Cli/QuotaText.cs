using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Accounts;
using Switchyard.Quota;
using Switchyard.Upstream;

namespace Switchyard.Hosting.Cli;

/// <summary>How the CLI shows an account's quota windows, credits and pools (the <c>quota</c> and <c>accounts list</c> commands).</summary>
internal static class QuotaText
{
    /// <summary><c>gemini 5h</c>, <c>3p weekly</c>, <c>image</c>.</summary>
    public static string Label(string key) =>
        QuotaKeys.IsWindow(key) ? key[..key.LastIndexOf('-')] + " " + QuotaKeys.WindowOf(key) : key;

    /// <summary>The windows read for an account, both of each family first, each shown even when not read yet.</summary>
    public static IEnumerable<(string Key, QuotaEntry? Entry)> Windows(AccountQuota quota) =>
        QuotaKeys.All.Select(key => (key, quota.Entry(key))).Where(w => w.Item2 is not null || QuotaKeys.IsWindow(w.key));

    /// <summary>One line: <c>gemini 5h 100% · weekly 73% (6d 2h); 3p 5h 100% · weekly 0% (6d 2h)</c>.</summary>
    public static string Summary(AccountQuota quota, DateTimeOffset now)
    {
        if (quota.Entries.Count == 0)
        {
            return "-";
        }

        var parts = new List<string>();
        foreach (var family in QuotaWindowNames.Families)
        {
            var windows = QuotaKeys.WindowsOf(family)
                .Select(k => quota.Entry(k) is { } e ? $"{QuotaKeys.WindowOf(k)} {Percent(e)}{Reset(e, now)}" : null)
                .OfType<string>()
                .ToList();
            if (windows.Count > 0)
            {
                parts.Add(family + " " + string.Join(" · ", windows));
            }
        }

        if (quota.Entry(QuotaKeys.Image) is { } image)
        {
            parts.Add("image " + Percent(image));
        }

        return string.Join("; ", parts);
    }

    public static string Percent(QuotaEntry entry) =>
        entry.Disabled ? "disabled" : (entry.RemainingFraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%" + (entry.Stale ? " (stale)" : "");

    /// <summary>" (6d 2h)" when the window is not full, else empty.</summary>
    private static string Reset(QuotaEntry entry, DateTimeOffset now) =>
        entry.RemainingFraction < 1 && entry.ResetTime is { } reset && reset > now ? " (" + QuotaCommand.ResetText(reset, now)[3..] + ")" : "";

    /// <summary>Credits and pools: <c>credits 25000 (always)</c>, <c>gemini-cli: unsupported</c>.</summary>
    public static string Extras(AccountQuota quota, string creditsMode)
    {
        var parts = new List<string>();
        if (quota.Credits is { } balance)
        {
            parts.Add($"credits {balance.Amount.ToString(CultureInfo.InvariantCulture)} ({creditsMode}{(quota.CreditsExhausted ? ", exhausted" : balance.Usable ? "" : ", below minimum")})");
        }

        parts.Add("gemini-cli " + (quota.GeminiCli switch { true => "yes", false => "no", null => "?" }));
        return string.Join(", ", parts);
    }

    /// <summary>
    /// Each account's VALIDATION_REQUIRED link on a line of its own, below the table (a table would wrap it and break
    /// copying): open it in a browser signed in to that account only.
    /// </summary>
    public static async Task WriteVerificationLinksAsync(TextWriter output, IEnumerable<Account> accounts)
    {
        foreach (var a in accounts.Where(a => a.VerificationUrl is not null))
        {
            await output.WriteLineAsync($"{a.Email} needs verification; open this link in a browser signed in to that account only:");
            await output.WriteLineAsync(a.VerificationUrl);
        }
    }

    public static JsonObject Json(AccountQuota quota, string creditsMode, Func<QuotaEntry, bool> isProtected)
    {
        var windows = new JsonArray();
        foreach (var (key, entry) in Windows(quota))
        {
            windows.Add((JsonNode)new JsonObject
            {
                ["window"] = key,
                ["family"] = QuotaKeys.IsWindow(key) ? key[..key.LastIndexOf('-')] : null,
                ["kind"] = QuotaKeys.IsWindow(key) ? QuotaKeys.WindowOf(key) : key,
                ["remainingFraction"] = entry?.RemainingFraction,
                ["resetTime"] = entry?.ResetTime?.ToString("O", CultureInfo.InvariantCulture),
                ["stale"] = entry?.Stale,
                ["disabled"] = entry?.Disabled,
                ["protected"] = entry is not null && isProtected(entry),
                ["updatedAt"] = entry?.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
            });
        }

        return new JsonObject
        {
            ["windows"] = windows,
            ["credits"] = new JsonObject
            {
                ["mode"] = creditsMode,
                ["balance"] = quota.Credits?.Amount,
                ["usable"] = quota.CreditsUsable,
                ["exhausted"] = quota.CreditsExhausted,
            },
            ["geminiCli"] = quota.GeminiCli switch { true => "available", false => "unsupported", null => "unknown" },
            ["models"] = new JsonArray([.. quota.Catalogues.SelectMany(c => c.Models).Select(m => m.Id).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(id => (JsonNode)id)]),
            ["problems"] = new JsonArray([.. quota.Problems.Select(p => (JsonNode)p)]),
        };
    }
}
