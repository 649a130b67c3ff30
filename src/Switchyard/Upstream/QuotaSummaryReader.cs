using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchyard.Upstream;

/// <summary>
/// Reads <c>retrieveUserQuotaSummary</c> (upstream-2026 §1.2). Tolerant: the groups may sit at the top, under
/// <c>response</c> or under <c>quotaSummary</c>; a bucket's window comes from <c>window</c> (any spelling that says
/// week or 5 h), else the <c>bucketId</c> suffix; its family from the <c>bucketId</c> prefix, else the group's names.
/// A bucket that cannot be placed, or has a fraction that is not a number, is left out and named in
/// <see cref="QuotaSummaryReading.Problems"/>. Never throws.
/// </summary>
internal static class QuotaSummaryReader
{
    public static QuotaSummaryReading Read(JsonNode? root, string? host = null)
    {
        var problems = new List<string>();
        var windows = new List<QuotaWindowReading>();
        var groups = Groups(root);
        if (groups is null)
        {
            problems.Add("the summary has no groups");
            return new QuotaSummaryReading(windows, problems, host);
        }

        foreach (var group in groups)
        {
            if (group is not JsonObject g || g["buckets"] is not JsonArray buckets)
            {
                problems.Add("a group without buckets");
                continue;
            }

            var groupFamily = FamilyOfText(Text(g["displayName"]) + " " + Text(g["description"]));
            foreach (var node in buckets)
            {
                if (node is not JsonObject bucket)
                {
                    problems.Add("a bucket that is not an object");
                    continue;
                }

                if (ReadBucket(bucket, groupFamily, problems) is { } reading)
                {
                    if (windows.Exists(w => w.BucketId == reading.BucketId))
                    {
                        problems.Add($"bucket {reading.BucketId} named twice");
                        continue;
                    }

                    windows.Add(reading);
                }
            }
        }

        if (windows.Count == 0 && problems.Count == 0)
        {
            problems.Add("the summary names no bucket");
        }

        return new QuotaSummaryReading(windows, problems, host);
    }

    private static QuotaWindowReading? ReadBucket(JsonObject bucket, string? groupFamily, List<string> problems)
    {
        var id = Text(bucket["bucketId"]);
        var family = FamilyOfBucketId(id) ?? groupFamily;
        var window = WindowOf(Text(bucket["window"])) ?? WindowOfBucketId(id);
        if (family is null || window is null)
        {
            problems.Add($"bucket '{id ?? "(no id)"}' names no known family and window");
            return null;
        }

        double fraction = 0;
        switch (bucket["remainingFraction"])
        {
            case null:
                break;
            case JsonValue v when v.TryGetValue<double>(out var d) && double.IsFinite(d):
                fraction = Math.Clamp(d, 0, 1);
                break;
            case JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && double.IsFinite(p):
                fraction = Math.Clamp(p, 0, 1);
                break;
            default:
                problems.Add($"bucket {QuotaWindowNames.BucketId(family, window)} has a remainingFraction that is not a number");
                return null;
        }

        DateTimeOffset? reset = null;
        if (bucket["resetTime"] is { } resetNode)
        {
            reset = Time(resetNode);
            if (reset is null)
            {
                problems.Add($"bucket {QuotaWindowNames.BucketId(family, window)} has an unreadable resetTime");
            }
        }

        var disabled = bucket["disabled"] is JsonValue dv && dv.TryGetValue<bool>(out var b) && b;
        return new QuotaWindowReading(family, window, fraction, reset, disabled);
    }

    private static JsonArray? Groups(JsonNode? root) =>
        root is not JsonObject o ? null
        : o["groups"] as JsonArray ?? o["response"]?["groups"] as JsonArray ?? o["quotaSummary"]?["groups"] as JsonArray;

    /// <summary><c>gemini-…</c> or <c>3p-…</c>.</summary>
    private static string? FamilyOfBucketId(string? id) =>
        id is null ? null
        : id.StartsWith("gemini", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.Gemini
        : id.StartsWith("3p", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.ThirdParty
        : null;

    private static string? FamilyOfText(string text) =>
        text.Contains("claude", StringComparison.OrdinalIgnoreCase) || text.Contains("gpt", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.ThirdParty
        : text.Contains("gemini", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.Gemini
        : null;

    /// <summary><c>weekly</c>, <c>WEEK</c>, <c>WEEKLY</c> → weekly; <c>5h</c>, <c>FIVE_HOUR</c> → 5 h.</summary>
    private static string? WindowOf(string? window) =>
        window is null ? null
        : window.Contains("week", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.Weekly
        : window.Contains("5h", StringComparison.OrdinalIgnoreCase) || window.Contains("five", StringComparison.OrdinalIgnoreCase)
            || window.Contains("hour", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.FiveHour
        : null;

    private static string? WindowOfBucketId(string? id) =>
        id is null ? null
        : id.EndsWith("weekly", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.Weekly
        : id.EndsWith("5h", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.FiveHour
        : null;

    internal static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    internal static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
