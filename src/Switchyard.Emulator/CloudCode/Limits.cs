using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// Steps 5-7 of spec §8.2: requests per minute, quota, capacity. Rpm is per account, pool and bucket; quota is
/// the family's 5 h and weekly windows for antigravity text models (<see cref="QuotaWindows"/>) and a bucket per
/// image model or gemini-cli model otherwise. Read and written under <see cref="EmulatorState.Gate"/>; all times
/// come from the virtual clock.
/// </summary>
internal static class Limits
{
    /// <summary>Length of the sliding rpm window.</summary>
    public static readonly TimeSpan RpmWindow = TimeSpan.FromSeconds(60);

    /// <summary>Fractions at or below this count as empty (repeated subtraction leaves dust).</summary>
    private const double Empty = 1e-9;

    public const string RateLimitMessage = "Resource has been exhausted (e.g. check quota).";

    public static EmulatorReply? Check(CloudCodeCall call)
    {
        if (call.Account is not { } account || call.Model is not { } model)
        {
            return null;
        }

        var state = call.State;
        var now = call.Now;
        var bucketName = ModelCatalog.BucketFor(model, call.Pool);
        lock (state.Gate)
        {
            var pool = PoolOf(account, call.Pool);

            // 5. Requests per minute, a sliding window per (account, pool, bucket).
            if (pool.Rpm > 0)
            {
                var window = Window(pool, bucketName, now);
                if (window.Count >= pool.Rpm)
                {
                    call.Entry.Outcome = "rate-limited";
                    return RateLimited(model.Id, window.Peek() + RpmWindow - now);
                }
            }

            // 6. Quota: an antigravity text model needs its family's weekly and 5 h windows (2026 §1); image and
            // gemini-cli models their own bucket. Past an empty window an opted-in call may spend credits (§3).
            if (call.Pool == QuotaPools.Antigravity && model.QuotaFamily is { } family)
            {
                if (QuotaWindows.EmptyWindow(account, family, call.Config, now) is { } empty)
                {
                    var weekly = empty.Window == QuotaWindows.Weekly;
                    call.Entry.Outcome = weekly ? "quota-exhausted-weekly" : "quota-exhausted-5h";
                    var style = weekly ? call.Config.Quota.WeeklyStyle : call.Config.Quota.FiveHourStyle;
                    if (Credits.PastEmptyBucket(call, account, QuotaErrors.Exhausted(model.Id, empty.Reset, now, style)) is { } refused)
                    {
                        return refused;
                    }

                    call.Entry.Outcome = null;
                }
            }
            else
            {
                var bucket = Current(pool, bucketName, now);
                if (bucket.RemainingFraction <= Empty)
                {
                    bucket.RemainingFraction = 0;
                    bucket.ResetTime ??= now + TimeSpan.FromSeconds(call.Config.QuotaResetWindowSeconds);
                    call.Entry.Outcome = "quota-exhausted";
                    return QuotaExhausted(model.Id, bucket.ResetTime.Value, now);
                }
            }

            // 7. Capacity: the seeded dice, so runs repeat.
            var busy = call.Config.CapacityBusyProbability;
            if (busy > 0 && state.Random.NextDouble() < busy)
            {
                call.Entry.Outcome = "capacity";
                return CapacityExhausted(model.Id, 503, retryDelay: null);
            }
        }

        return null;
    }

    /// <summary>A successful content call counts toward the rpm window and spends the bucket's cost.</summary>
    public static void Charge(CloudCodeCall call)
    {
        if (call.Account is not { } account || call.Model is not { } model)
        {
            return;
        }

        var now = call.Now;
        var bucketName = ModelCatalog.BucketFor(model, call.Pool);
        lock (call.State.Gate)
        {
            var pool = PoolOf(account, call.Pool);
            Window(pool, bucketName, now).Enqueue(now);
            if (call.ServedOnCredits)
            {
                Credits.Spend(call, account);
                return;
            }

            if (call.Pool == QuotaPools.Antigravity && model.QuotaFamily is { } family)
            {
                QuotaWindows.Charge(account, family, call.Config, now);
                return;
            }

            var bucket = Current(pool, bucketName, now);
            if (bucket.CostPerRequest <= 0)
            {
                return;
            }

            bucket.RemainingFraction = Math.Max(0, bucket.RemainingFraction - bucket.CostPerRequest);
            if (bucket.RemainingFraction <= Empty)
            {
                bucket.RemainingFraction = 0;
                bucket.ResetTime = now + TimeSpan.FromSeconds(call.Config.QuotaResetWindowSeconds);
            }
        }
    }

    /// <summary>The pool's state, created when missing. Call under the gate.</summary>
    public static PoolState PoolOf(EmulatedAccount account, string pool)
    {
        if (!account.Pools.TryGetValue(pool, out var state))
        {
            state = new PoolState();
            account.Pools[pool] = state;
        }

        return state;
    }

    /// <summary>The bucket as it stands at <paramref name="now"/>: once its reset time has passed it is full again. Call under the gate.</summary>
    public static BucketState Current(PoolState pool, string bucketName, DateTimeOffset now)
    {
        var bucket = pool.Bucket(bucketName);
        if (bucket.ResetTime is { } reset && now >= reset)
        {
            bucket.RemainingFraction = 1.0;
            bucket.ResetTime = null;
        }

        return bucket;
    }

    /// <summary>Empties a bucket until <paramref name="resetTime"/> (quotaExhausted faults). Call under the gate.</summary>
    public static void Drain(PoolState pool, string bucketName, DateTimeOffset resetTime)
    {
        var bucket = pool.Bucket(bucketName);
        bucket.RemainingFraction = 0;
        bucket.ResetTime = resetTime;
    }

    private static Queue<DateTimeOffset> Window(PoolState pool, string bucketName, DateTimeOffset now)
    {
        if (!pool.RpmWindows.TryGetValue(bucketName, out var window))
        {
            window = new Queue<DateTimeOffset>();
            pool.RpmWindows[bucketName] = window;
        }

        while (window.Count > 0 && window.Peek() + RpmWindow <= now)
        {
            window.Dequeue();
        }

        return window;
    }

    /// <summary>Spec §5.3 template 2: RATE_LIMIT_EXCEEDED with a RetryInfo.</summary>
    public static JsonReply RateLimited(string? model, TimeSpan retryDelay, string? message = null) =>
        GoogleErrors.Build(429, "RESOURCE_EXHAUSTED", message ?? RateLimitMessage,
        [
            (JsonNode)GoogleErrors.ErrorInfo("RATE_LIMIT_EXCEEDED", ModelMetadata(model)),
            (JsonNode)GoogleErrors.RetryInfo(retryDelay),
        ]);

    /// <summary>Spec §5.3 template 1: QUOTA_EXHAUSTED with the "reset after" text (see <see cref="QuotaErrors"/>).</summary>
    public static JsonReply QuotaExhausted(string? model, DateTimeOffset resetTime, DateTimeOffset now, bool includeRetryInfo = true) =>
        QuotaErrors.Exhausted(model, resetTime, now, QuotaErrors.Capacity, includeRetryInfo);

    /// <summary>
    /// Spec §5.3 template 3: 429 RESOURCE_EXHAUSTED or 503 UNAVAILABLE, reason MODEL_CAPACITY_EXHAUSTED (or the
    /// MODEL_CAPACITY_EXCEEDED twin GCLI also handles, upstream-2026 §2.1).
    /// </summary>
    public static JsonReply CapacityExhausted(string? model, int status, TimeSpan? retryDelay, string reason = "MODEL_CAPACITY_EXHAUSTED")
    {
        var details = new JsonArray { (JsonNode)GoogleErrors.ErrorInfo(reason, ModelMetadata(model)) };
        if (retryDelay is { } delay)
        {
            details.Add((JsonNode)GoogleErrors.RetryInfo(delay));
        }

        return GoogleErrors.Build(status, status == 503 ? "UNAVAILABLE" : "RESOURCE_EXHAUSTED",
            $"No capacity available for model {model ?? "unknown"} on the server", details);
    }

    /// <summary>Spec §5.3 template 4: the rate-limit message with no details at all.</summary>
    public static JsonReply GenericExhausted() => GoogleErrors.Build(429, "RESOURCE_EXHAUSTED", RateLimitMessage);

    private static JsonObject ModelMetadata(string? model) => model is null ? [] : new JsonObject { ["model"] = model };
}
