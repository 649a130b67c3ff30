using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// The quota RPCs (spec §3.5, §3.6; upstream-2026 §1): fetchAvailableModels (<see cref="ModelListing"/>),
/// retrieveUserQuotaSummary (<see cref="QuotaSummary"/>) and the gemini-cli pool's retrieveUserQuota. Each reads the
/// state <see cref="Limits"/> spends, so what they show agrees with what a content call would get. Proto3 style:
/// default values (a 0 fraction, false flags) are omitted.
/// </summary>
internal static class QuotaRpcs
{
    /// <summary>What <c>remainingAmount</c> counts from: a full gemini-cli bucket holds this many requests.</summary>
    public const int GeminiCliRequestsPerBucket = 100;

    public static EmulatorReply FetchAvailableModels(CloudCodeCall call) => ModelListing.Fetch(call);

    public static EmulatorReply RetrieveUserQuotaSummary(CloudCodeCall call) => QuotaSummary.Retrieve(call);

    /// <summary>The gemini-cli pool: one bucket per model, counted in requests.</summary>
    public static EmulatorReply RetrieveUserQuota(CloudCodeCall call)
    {
        if (GeminiCliRetirement.Refuse(call) is { } refused)
        {
            return refused;
        }

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
            var fraction = bucket.RemainingFraction <= QuotaWindows.Empty ? 0 : bucket.RemainingFraction;
            return (fraction, bucket.ResetTime ?? now + window);
        }
    }
}
