using System.Text.Json.Nodes;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// <c>retrieveUserQuotaSummary</c> in the captured 2026 shape (upstream-2026 §1.2): two groups, each with its weekly
/// and 5 h bucket (weekly only on the free tier). The 5 h bucket reads <c>disabled: true</c> while the weekly one is
/// empty. A zero fraction is omitted (proto3); an untouched bucket has no description. prod answers stale figures
/// (§1.1) unless <c>hosts.prodStaleQuota</c> is off.
/// </summary>
internal static class QuotaSummary
{
    public const string Description =
        "Within each group, models share a weekly limit and a 5-hour limit. Quota is consumed proportionally to the cost of the tokens.";

    private static readonly (string Family, string Title, string Members)[] Groups =
    [
        (QuotaFamilies.Gemini, "Gemini Models", "Models within this group: Gemini Flash, Gemini Pro"),
        (QuotaFamilies.ThirdParty, "Claude and GPT models", "Models within this group: Claude Opus, Claude Sonnet, GPT-OSS"),
    ];

    public static EmulatorReply Retrieve(CloudCodeCall call)
    {
        if (call.Account is not { } account)
        {
            return GoogleErrors.InvalidCredential();
        }

        var now = call.Now;
        var stale = IsStale(call);
        var groups = new JsonArray();
        lock (call.State.Gate)
        {
            foreach (var (family, title, members) in Groups)
            {
                var buckets = new JsonArray();
                var weekly = QuotaWindows.View(account, family, QuotaWindows.Weekly, call.Config, now, stale);
                buckets.Add((JsonNode)Bucket(family, weekly, disabled: false, now));
                if (QuotaWindows.Has(account, QuotaWindows.FiveHour))
                {
                    var fiveHour = QuotaWindows.View(account, family, QuotaWindows.FiveHour, call.Config, now, stale);
                    buckets.Add((JsonNode)Bucket(family, fiveHour, disabled: weekly.Fraction <= 0, now));
                }

                groups.Add((JsonNode)new JsonObject { ["displayName"] = title, ["description"] = members, ["buckets"] = buckets });
            }
        }

        return new JsonReply(200, new JsonObject { ["groups"] = groups, ["description"] = Description });
    }

    /// <summary>prod's quota figures are stale (2026 §1.1, §8.2).</summary>
    public static bool IsStale(CloudCodeCall call) => call.Label == "prod" && call.Config.Hosts.ProdStaleQuota;

    private static JsonObject Bucket(string family, WindowView view, bool disabled, DateTimeOffset now)
    {
        var weekly = view.Window == QuotaWindows.Weekly;
        var bucket = new JsonObject
        {
            ["bucketId"] = QuotaWindows.Id(family, view.Window),
            ["window"] = view.Window,
            ["displayName"] = weekly ? "Weekly Limit Remaining" : "Five Hour Limit Remaining",
        };
        if (view.Started && view.Fraction < 1)
        {
            bucket["description"] =
                $"You have used some of your {(weekly ? "weekly" : "5-hour")} limit, it will fully refresh in {Durations.Human(view.Reset - now)}.";
        }

        if (view.Fraction > 0)
        {
            bucket["remainingFraction"] = view.Fraction;
        }

        bucket["resetTime"] = Durations.Timestamp(view.Reset);
        if (disabled)
        {
            bucket["disabled"] = true;
        }

        return bucket;
    }
}
