using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Control;

/// <summary>
/// <c>PUT /quota {email, pool, bucket?, remainingFraction?, resetTime? | resetInSeconds?, rpm?, costPerRequest?}</c>
/// (spec §8.4). In the antigravity pool the buckets are the 2026 summary windows <c>gemini-5h</c>,
/// <c>gemini-weekly</c>, <c>3p-5h</c>, <c>3p-weekly</c> (a free-tier account has no 5 h ones) and the image buckets;
/// <c>bucket</c> may also be a family (<c>gemini</c>, <c>3p</c>: both its windows), a model id (what it spends) or
/// <c>*</c> (all). In gemini-cli each model is its own bucket.
/// </summary>
internal static partial class ControlEndpoints
{
    private static readonly string[] QuotaKeys =
        ["email", "pool", "bucket", "remainingFraction", "resetTime", "resetInSeconds", "rpm", "costPerRequest"];

    private static async Task<IResult> PutQuotaAsync(HttpRequest request, EmulatorState state)
    {
        var body = await ReadObjectAsync(request);
        foreach (var (key, _) in body)
        {
            if (!QuotaKeys.Contains(key, StringComparer.Ordinal))
            {
                throw new ControlException($"Unknown quota key '{key}'; use {string.Join(", ", QuotaKeys)}.");
            }
        }

        var email = OptionalString(body, "email") ?? throw new ControlException("'email' is required.");
        var pool = OptionalString(body, "pool") ?? throw new ControlException($"'pool' is required: {string.Join(" or ", QuotaPools.All)}.");
        if (!QuotaPools.All.Contains(pool, StringComparer.Ordinal))
        {
            throw new ControlException($"Unknown pool '{pool}'; use {string.Join(" or ", QuotaPools.All)}.");
        }

        var fraction = OptionalNumber(body, "remainingFraction");
        if (fraction is < 0 or > 1)
        {
            throw new ControlException("'remainingFraction' must be from 0 to 1.");
        }

        DateTimeOffset? resetTime = null;
        if (OptionalString(body, "resetTime") is { } resetText)
        {
            resetTime = Faults.FaultRuleParser.TryTime(resetText, out var when)
                ? when
                : throw new ControlException("'resetTime' must be an RFC 3339 time.");
        }

        var resetIn = OptionalNumber(body, "resetInSeconds");
        if (resetIn is < 0)
        {
            throw new ControlException("'resetInSeconds' must not be negative.");
        }

        if (resetTime is not null && resetIn is not null)
        {
            throw new ControlException("Send 'resetTime' or 'resetInSeconds', not both.");
        }

        var rpm = body["rpm"] switch
        {
            null => (int?)null,
            JsonValue v when v.TryGetValue<int>(out var r) && r >= 0 => r,
            _ => throw new ControlException("'rpm' must be a non-negative integer (0 = unlimited)."),
        };
        var cost = OptionalNumber(body, "costPerRequest");
        if (cost is < 0 or > 1)
        {
            throw new ControlException("'costPerRequest' must be from 0 to 1.");
        }

        var bucketRequired = fraction is not null || resetTime is not null || resetIn is not null || cost is not null;
        var now = state.Clock.GetUtcNow();
        if (resetIn is { } seconds)
        {
            resetTime = now + TimeSpan.FromSeconds(seconds);
        }

        var change = new QuotaChange(fraction, resetTime, cost);
        var result = new JsonObject { ["email"] = email, ["pool"] = pool };
        lock (state.Gate)
        {
            if (!state.Accounts.TryGetValue(email, out var account))
            {
                throw new ControlException($"No account '{email}'.");
            }

            var (windows, buckets) = BucketsNamed(OptionalString(body, "bucket"), pool, account, bucketRequired);
            var poolState = Limits.PoolOf(account, pool);
            if (rpm is { } limit)
            {
                poolState.Rpm = limit;
            }

            var described = new JsonObject();
            foreach (var id in windows)
            {
                var (family, window) = QuotaWindows.Parse(id)!.Value;
                described[id] = SetWindow(state.Config, account, family, window, change, now);
            }

            foreach (var name in buckets)
            {
                described[name] = SetBucket(state.Config, Limits.Current(poolState, name, now), change, now);
            }

            result["rpm"] = poolState.Rpm;
            result["buckets"] = described;
        }

        return NodeResult(result);
    }

    private sealed record QuotaChange(double? Fraction, DateTimeOffset? ResetTime, double? Cost);

    private static JsonObject SetWindow(EmulatorConfig config, EmulatedAccount account, string family, string window, QuotaChange change, DateTimeOffset now)
    {
        var bucket = QuotaWindows.Current(account, family, window, now);
        if (change.Fraction is { } f)
        {
            bucket.RemainingFraction = f;
        }

        if (change.Cost is { } c)
        {
            bucket.CostPerRequest = c;
        }

        if (change.ResetTime is { } reset)
        {
            bucket.ResetTime = reset;
        }
        else if (bucket.RemainingFraction < 1)
        {
            // A used or empty window has a running clock, or it would never refill.
            bucket.ResetTime ??= QuotaWindows.ResetOf(account, bucket, window, config, now);
        }

        var effectiveCost = bucket.CostPerRequest
            ?? (window == QuotaWindows.Weekly ? config.Quota.WeeklyCostPerRequest : config.Quota.FiveHourCostPerRequest);
        return new JsonObject
        {
            ["remainingFraction"] = bucket.RemainingFraction,
            ["resetTime"] = bucket.ResetTime is { } r ? Durations.Timestamp(r) : null,
            ["costPerRequest"] = effectiveCost,
        };
    }

    private static JsonObject SetBucket(EmulatorConfig config, BucketState bucket, QuotaChange change, DateTimeOffset now)
    {
        if (change.Fraction is { } f)
        {
            bucket.RemainingFraction = f;
        }

        if (change.Cost is { } c)
        {
            bucket.CostPerRequest = c;
        }

        if (change.ResetTime is not null)
        {
            bucket.ResetTime = change.ResetTime;
        }
        else if (bucket.RemainingFraction <= 0 && (bucket.ResetTime is null || bucket.ResetTime <= now))
        {
            // An empty bucket needs a reset time, or it would stay empty for ever.
            bucket.ResetTime = now + TimeSpan.FromSeconds(config.QuotaResetWindowSeconds);
        }

        return new JsonObject
        {
            ["remainingFraction"] = bucket.RemainingFraction,
            ["resetTime"] = bucket.ResetTime is { } reset ? Durations.Timestamp(reset) : null,
            ["costPerRequest"] = bucket.CostPerRequest,
        };
    }

    /// <summary>
    /// The summary windows and the plain buckets a quota call names. Absent is allowed only when the call sets
    /// nothing but <c>rpm</c>. Call under the gate.
    /// </summary>
    private static (List<string> Windows, List<string> Buckets) BucketsNamed(string? bucket, string pool, EmulatedAccount account, bool bucketRequired)
    {
        var antigravity = pool == QuotaPools.Antigravity;
        var windows = antigravity
            ? QuotaWindows.BucketIds.Where(id => QuotaWindows.Has(account, QuotaWindows.Parse(id)!.Value.Window)).ToList()
            : [];
        var plain = ModelCatalog.All
            .Where(m => m.Pools.Contains(pool) && !(antigravity && m.QuotaFamily is not null))
            .Select(m => ModelCatalog.BucketFor(m, pool))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var known = string.Join(", ", windows.Concat(plain));
        if (bucket is null)
        {
            return bucketRequired
                ? throw new ControlException($"'bucket' is required; {pool} has {known} (or '*', or a model id).")
                : ([], []);
        }

        if (bucket == "*")
        {
            return (windows, plain);
        }

        if (windows.Contains(bucket, StringComparer.Ordinal))
        {
            return ([bucket], []);
        }

        if (antigravity && QuotaWindows.Parse(bucket) is not null)
        {
            throw new ControlException($"A free-tier account has no 5 h window; {account.Email} has {string.Join(", ", windows)}.");
        }

        if (plain.Contains(bucket, StringComparer.Ordinal))
        {
            return ([], [bucket]);
        }

        if (antigravity && QuotaFamilies.All.Contains(bucket, StringComparer.Ordinal))
        {
            return (windows.Where(id => id.StartsWith(bucket + "-", StringComparison.Ordinal)).ToList(), []);
        }

        if (ModelCatalog.Find(bucket) is { } model && model.Pools.Contains(pool))
        {
            return antigravity && model.QuotaFamily is { } family
                ? (windows.Where(id => id.StartsWith(family + "-", StringComparison.Ordinal)).ToList(), [])
                : ([], [ModelCatalog.BucketFor(model, pool)]);
        }

        throw new ControlException($"Unknown bucket '{bucket}' in pool {pool}; use {known} (or '*', a family, or a model id).");
    }
}
