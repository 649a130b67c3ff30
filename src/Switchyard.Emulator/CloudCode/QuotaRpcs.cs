using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// fetchAvailableModels, retrieveUserQuota and retrieveUserQuotaSummary (spec §3.5, §3.6). Each reads the
/// same bucket state <see cref="Limits"/> spends, so the model list always agrees with what a content call
/// would get. Proto3 style: default values (a 0 fraction, false flags) are omitted.
/// </summary>
internal static class QuotaRpcs
{
    /// <summary>What <c>remainingAmount</c> counts from: a full gemini-cli bucket holds this many requests.</summary>
    public const int GeminiCliRequestsPerBucket = 100;

    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static readonly JsonObject ImageMimeTypes = new()
    {
        ["image/png"] = true,
        ["image/jpeg"] = true,
        ["image/webp"] = true,
        ["image/heic"] = true,
        ["image/heif"] = true,
    };

    /// <summary>The antigravity catalogue with each model's bucket state repeated on every member.</summary>
    public static EmulatorReply FetchAvailableModels(CloudCodeCall call)
    {
        var models = new JsonObject();
        var now = call.Now;
        foreach (var model in ModelCatalog.All.Where(m => m.Pools.Contains(QuotaPools.Antigravity)))
        {
            var (fraction, reset) = Snapshot(call, QuotaPools.Antigravity, ModelCatalog.BucketFor(model, QuotaPools.Antigravity), now);
            var entry = new JsonObject
            {
                ["displayName"] = model.DisplayName,
                ["quotaInfo"] = QuotaInfo(fraction, reset),
            };
            var images = model.Family != "gpt-oss";
            if (images)
            {
                entry["supportsImages"] = true;
            }

            if (model.Thinking)
            {
                entry["supportsThinking"] = true;
                entry["thinkingBudget"] = model.IsClaude || model.Gemini3 ? 32_768 : 24_576;
            }

            if (Recommended(model))
            {
                entry["recommended"] = true;
            }

            entry["maxTokens"] = model.ContextTokens;
            entry["maxOutputTokens"] = model.MaxOutputTokens;
            if (images)
            {
                entry["supportedMimeTypes"] = ImageMimeTypes.DeepClone();
            }

            models[model.Id] = entry;
        }

        var deprecated = new JsonObject();
        foreach (var (old, replacement) in ModelCatalog.Deprecated)
        {
            deprecated[old] = new JsonObject { ["newModelId"] = replacement };
        }

        return new JsonReply(200, new JsonObject
        {
            ["models"] = models,
            ["deprecatedModelIds"] = deprecated,
            ["imageGenerationModelIds"] = new JsonArray(ModelCatalog.All.Where(m => m.Image).Select(m => (JsonNode)m.Id).ToArray()),
            ["webSearchModelIds"] = new JsonArray(call.Config.Search.Models.Select(m => (JsonNode)m).ToArray()),
        });
    }

    /// <summary>The gemini-cli pool: one bucket per model, counted in requests.</summary>
    public static EmulatorReply RetrieveUserQuota(CloudCodeCall call)
    {
        var buckets = new JsonArray();
        var now = call.Now;
        foreach (var model in ModelCatalog.All.Where(m => m.Pools.Contains(QuotaPools.GeminiCli)))
        {
            var (fraction, reset) = Snapshot(call, QuotaPools.GeminiCli, ModelCatalog.BucketFor(model, QuotaPools.GeminiCli), now);
            var bucket = new JsonObject { ["modelId"] = model.Id, ["tokenType"] = "REQUESTS" };
            var amount = (long)Math.Round(fraction * GeminiCliRequestsPerBucket);
            if (amount > 0)
            {
                bucket["remainingAmount"] = amount.ToString(CultureInfo.InvariantCulture);
            }

            if (fraction > 0)
            {
                bucket["remainingFraction"] = fraction;
            }

            bucket["resetTime"] = Durations.Timestamp(reset);
            buckets.Add((JsonNode)bucket);
        }

        return new JsonReply(200, new JsonObject { ["buckets"] = buckets });
    }

    /// <summary>
    /// Antigravity buckets grouped as RS shows them, each with a <c>5h</c> and a <c>weekly</c> window. The
    /// emulator meters one window per bucket: <c>5h</c> is that window; <c>weekly</c> repeats its fraction
    /// and resets a week out (or later, when the bucket resets later).
    /// </summary>
    public static EmulatorReply RetrieveUserQuotaSummary(CloudCodeCall call)
    {
        var groups = new JsonArray();
        var now = call.Now;
        var byBucket = ModelCatalog.All
            .Where(m => m.Pools.Contains(QuotaPools.Antigravity))
            .GroupBy(m => ModelCatalog.BucketFor(m, QuotaPools.Antigravity), StringComparer.Ordinal);
        foreach (var group in byBucket)
        {
            var (fraction, reset) = Snapshot(call, QuotaPools.Antigravity, group.Key, now);
            var title = GroupTitle(group.Key);
            var weeklyReset = reset > now + Week ? reset : now + Week;
            groups.Add((JsonNode)new JsonObject
            {
                ["displayName"] = title,
                ["description"] = "Models: " + string.Join(", ", group.Select(m => m.Id)),
                ["buckets"] = new JsonArray
                {
                    (JsonNode)SummaryBucket($"{group.Key}-5h", "5h", fraction, reset, title + " (5 hours)"),
                    (JsonNode)SummaryBucket($"{group.Key}-weekly", "weekly", fraction, weeklyReset, title + " (weekly)"),
                },
            });
        }

        return new JsonReply(200, new JsonObject { ["groups"] = groups });
    }

    /// <summary>
    /// A bucket's fraction and reset time at <paramref name="now"/>. A bucket that has not been spent has no
    /// reset time of its own; it reports when a window opened now would reset.
    /// </summary>
    private static (double Fraction, DateTimeOffset Reset) Snapshot(CloudCodeCall call, string pool, string bucketName, DateTimeOffset now)
    {
        var window = TimeSpan.FromSeconds(call.Config.QuotaResetWindowSeconds);
        if (call.Account is not { } account)
        {
            return (1.0, now + window);
        }

        lock (call.State.Gate)
        {
            var bucket = Limits.Current(Limits.PoolOf(account, pool), bucketName, now);
            var fraction = bucket.RemainingFraction <= 1e-9 ? 0 : bucket.RemainingFraction;
            return (fraction, bucket.ResetTime ?? now + window);
        }
    }

    private static JsonObject QuotaInfo(double fraction, DateTimeOffset reset)
    {
        var info = new JsonObject();
        if (fraction > 0)
        {
            info["remainingFraction"] = fraction;
        }

        info["resetTime"] = Durations.Timestamp(reset);
        return info;
    }

    private static JsonObject SummaryBucket(string id, string window, double fraction, DateTimeOffset reset, string displayName)
    {
        var bucket = new JsonObject { ["bucketId"] = id, ["window"] = window };
        if (fraction > 0)
        {
            bucket["remainingFraction"] = fraction;
        }

        bucket["resetTime"] = Durations.Timestamp(reset);
        bucket["displayName"] = displayName;
        return bucket;
    }

    private static bool Recommended(ModelInfo model) => model.Id is "claude-opus-4-6-thinking" or "claude-sonnet-4-6"
        or "gemini-3-pro-high" or "gemini-3.1-pro-high" or "gemini-3-flash";

    private static string GroupTitle(string bucket) => bucket switch
    {
        "claude" => "Claude",
        "gemini-pro" => "Gemini Pro",
        "gemini-flash" => "Gemini Flash",
        "image-pro" => "Gemini Pro Image",
        "image-flash" => "Gemini Flash Image",
        "gpt-oss" => "GPT-OSS",
        _ => bucket,
    };
}
