using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Control;

/// <summary>Fault rules (<c>/faults</c>) and quota state (<c>/quota</c>), spec §8.4.</summary>
internal static partial class ControlEndpoints
{
    private static readonly string[] QuotaKeys =
        ["email", "pool", "bucket", "remainingFraction", "resetTime", "resetInSeconds", "rpm", "costPerRequest"];

    static void MapLimitsRoutes(RouteGroupBuilder group)
    {
        group.MapPost("/faults", AddFaultsAsync);
        group.MapGet("/faults", (EmulatorState state) => NodeResult(state.Faults.Describe()));
        group.MapDelete("/faults", (EmulatorState state) =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        group.MapDelete("/faults/{id}", (string id, EmulatorState state) =>
            state.Faults.Remove(id) ? Results.NoContent() : throw new ControlException($"No fault rule '{id}'.", 404));
        group.MapPut("/quota", PutQuotaAsync);
    }

    private static async Task<IResult> AddFaultsAsync(HttpRequest request, EmulatorState state)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw new ControlException($"Malformed JSON: {ex.Message}");
        }

        var ids = state.Faults.Add(FaultRuleParser.Parse(body));
        return NodeResult(new JsonObject { ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()) });
    }

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
            resetTime = FaultRuleParser.TryTime(resetText, out var when)
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

        var buckets = BucketsNamed(OptionalString(body, "bucket"), pool, bucketRequired: fraction is not null || resetTime is not null || resetIn is not null || cost is not null);
        var now = state.Clock.GetUtcNow();
        if (resetIn is { } seconds)
        {
            resetTime = now + TimeSpan.FromSeconds(seconds);
        }

        var result = new JsonObject { ["email"] = email, ["pool"] = pool };
        lock (state.Gate)
        {
            if (!state.Accounts.TryGetValue(email, out var account))
            {
                throw new ControlException($"No account '{email}'.");
            }

            var poolState = Limits.PoolOf(account, pool);
            if (rpm is { } limit)
            {
                poolState.Rpm = limit;
            }

            var described = new JsonObject();
            foreach (var name in buckets)
            {
                var bucket = Limits.Current(poolState, name, now);
                if (fraction is { } f)
                {
                    bucket.RemainingFraction = f;
                }

                if (cost is { } c)
                {
                    bucket.CostPerRequest = c;
                }

                if (resetTime is not null)
                {
                    bucket.ResetTime = resetTime;
                }
                else if (bucket.RemainingFraction <= 0 && (bucket.ResetTime is null || bucket.ResetTime <= now))
                {
                    // An empty bucket needs a reset time, or it would stay empty for ever.
                    bucket.ResetTime = now + TimeSpan.FromSeconds(state.Config.QuotaResetWindowSeconds);
                }

                described[name] = new JsonObject
                {
                    ["remainingFraction"] = bucket.RemainingFraction,
                    ["resetTime"] = bucket.ResetTime is { } reset ? Durations.Timestamp(reset) : null,
                    ["costPerRequest"] = bucket.CostPerRequest,
                };
            }

            result["rpm"] = poolState.Rpm;
            result["buckets"] = described;
        }

        return NodeResult(result);
    }

    /// <summary>
    /// The buckets a quota call names: a bucket of the pool, a model id (its bucket), or <c>*</c> (all of
    /// the pool's buckets). Absent is allowed only when the call sets nothing but <c>rpm</c>.
    /// </summary>
    private static List<string> BucketsNamed(string? bucket, string pool, bool bucketRequired)
    {
        var known = ModelCatalog.All
            .Where(m => m.Pools.Contains(pool))
            .Select(m => ModelCatalog.BucketFor(m, pool))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (bucket is null)
        {
            return bucketRequired
                ? throw new ControlException($"'bucket' is required; {pool} has {string.Join(", ", known)} (or '*', or a model id).")
                : [];
        }

        if (bucket == "*")
        {
            return known;
        }

        if (known.Contains(bucket, StringComparer.Ordinal))
        {
            return [bucket];
        }

        if (ModelCatalog.Find(bucket) is { } model && model.Pools.Contains(pool))
        {
            return [ModelCatalog.BucketFor(model, pool)];
        }

        throw new ControlException($"Unknown bucket '{bucket}' in pool {pool}; use {string.Join(", ", known)} (or '*', or a model id).");
    }

    private static double? OptionalNumber(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<double>(out var d) && !double.IsNaN(d) => d,
        _ => throw new ControlException($"'{name}' must be a number."),
    };
}
