using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// Steps 5-7 of spec §8.2: requests per minute, quota, capacity. State is per account, per pool, per
/// bucket (models in a bucket share it) and is read and written under <see cref="EmulatorState.Gate"/>.
/// All times come from the virtual clock.
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

            // 6. Quota.
            var bucket = Current(pool, bucketName, now);
            if (bucket.RemainingFraction <= Empty)
            {
                bucket.RemainingFraction = 0;
                bucket.ResetTime ??= now + TimeSpan.FromSeconds(call.Config.QuotaResetWindowSeconds);
                call.Entry.Outcome = "quota-exhausted";
                return QuotaExhausted(model.Id, bucket.ResetTime.Value, now);
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

    /// <summary>
    /// Spec §5.3 template 1: ErrorInfo first (RS reads only <c>details[0]</c>), then RetryInfo. The message
    /// spells the delay without a decimal point, because RS's regex stops at the first dot.
    /// </summary>
    public static JsonReply QuotaExhausted(string? model, DateTimeOffset resetTime, DateTimeOffset now, bool includeRetryInfo = true)
    {
        var delay = resetTime - now;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        var metadata = new JsonObject { ["uiMessage"] = "true" };
        if (model is not null)
        {
            metadata["model"] = model;
        }

        metadata["quotaResetDelay"] = Durations.Go(delay);
        metadata["quotaResetTimeStamp"] = Durations.Timestamp(resetTime);
        var details = new JsonArray { (JsonNode)GoogleErrors.ErrorInfo("QUOTA_EXHAUSTED", metadata) };
        if (includeRetryInfo)
        {
            details.Add((JsonNode)GoogleErrors.RetryInfo(delay));
        }

        return GoogleErrors.Build(429, "RESOURCE_EXHAUSTED",
            $"You have exhausted your capacity on this model. Your quota will reset after {Durations.GoWhole(delay)}.", details);
    }

    /// <summary>Spec §5.3 template 3: 429 RESOURCE_EXHAUSTED or 503 UNAVAILABLE, reason MODEL_CAPACITY_EXHAUSTED.</summary>
    public static JsonReply CapacityExhausted(string? model, int status, TimeSpan? retryDelay)
    {
        var details = new JsonArray { (JsonNode)GoogleErrors.ErrorInfo("MODEL_CAPACITY_EXHAUSTED", ModelMetadata(model)) };
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
