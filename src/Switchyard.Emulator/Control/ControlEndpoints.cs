using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Control;

/// <summary>
/// The control API under <c>/__emulator</c> (spec §8.4): state, config, clock, accounts, tokens and the
/// journal. Faults, scripts, quota and consent add their own routes in their areas' partial files.
/// A malformed call gets a 400 whose message names the problem.
/// </summary>
internal static partial class ControlEndpoints
{
    public const string Prefix = "/__emulator";

    /// <summary>Control replies keep quotes and other text readable (<c>'mode'</c>, not <c>\u0027mode\u0027</c>).</summary>
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON node as the reply body, written without reflection.</summary>
    private static IResult NodeResult(JsonNode node, int? statusCode = null) =>
        Results.Content(node.ToJsonString(ReadableJson), "application/json; charset=utf-8", statusCode: statusCode);

    public static void MapControl(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ControlException ex)
            {
                return NodeResult(new JsonObject { ["error"] = ex.Message }, statusCode: ex.Status);
            }
            catch (JsonException ex)
            {
                return NodeResult(new JsonObject { ["error"] = $"Malformed JSON: {ex.Message}" }, statusCode: 400);
            }
        });

        group.MapPost("/reset", (EmulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
        group.MapGet("/state", DumpState);
        group.MapGet("/config", (EmulatorState state) => Results.Json(state.Config, EmulatorJsonContext.Default.EmulatorConfig));
        group.MapPatch("/config", PatchConfigAsync);
        group.MapGet("/clock", (EmulatorState state) => Results.Json(new ClockReading(state.Clock.GetUtcNow()), EmulatorJsonContext.Default.ClockReading));
        group.MapPost("/clock", MoveClockAsync);
        group.MapPut("/accounts/{email}", PutAccountAsync);
        group.MapDelete("/accounts/{email}", (string email, EmulatorState state) =>
            state.Remove(email) ? Results.NoContent() : throw new ControlException($"No account '{email}'.", 404));
        group.MapPost("/accounts/{email}/tokens", MintTokensAsync);
        group.MapPost("/tokens/expire", ExpireTokensAsync);
        group.MapPost("/tokens/revoke", RevokeTokensAsync);
        group.MapGet("/requests", (EmulatorState state, string? label, string? rpc, string? email, long? sinceSeq) =>
            Results.Json(state.Journal.Query(label, rpc, email, sinceSeq ?? 0), EmulatorJsonContext.Default.ListJournalEntry));
        group.MapDelete("/requests", (EmulatorState state) =>
        {
            state.Journal.Clear();
            return Results.NoContent();
        });

        MapLimitsRoutes(group);
        MapAccountRoutes(group);
        MapIdentityRoutes(group);
        MapGenerationRoutes(group);
    }

    private static IResult DumpState(EmulatorState state)
    {
        var accounts = new JsonArray();
        lock (state.Gate)
        {
            foreach (var a in state.Accounts.Values)
            {
                var pools = new JsonObject();
                foreach (var (poolName, pool) in a.Pools)
                {
                    var buckets = new JsonObject();
                    foreach (var (name, bucket) in pool.Buckets)
                    {
                        buckets[name] = new JsonObject
                        {
                            ["remainingFraction"] = bucket.RemainingFraction,
                            ["resetTime"] = bucket.ResetTime?.ToString("O"),
                            ["costPerRequest"] = bucket.CostPerRequest,
                        };
                    }

                    pools[poolName] = new JsonObject { ["rpm"] = pool.Rpm, ["buckets"] = buckets };
                }

                accounts.Add((JsonNode)new JsonObject
                {
                    ["email"] = a.Email,
                    ["tier"] = a.Tier,
                    ["projectId"] = a.ProjectId,
                    ["onboarded"] = a.Onboarded,
                    ["onboardPendingPolls"] = a.OnboardPendingPolls,
                    ["disabled"] = a.Disabled,
                    ["verificationRequired"] = a.VerificationRequired,
                    ["serviceDisabled"] = a.ServiceDisabled,
                    ["deniedModels"] = new JsonArray(a.DeniedModels.Select(m => (JsonNode)m).ToArray()),
                    ["termsOfServiceBanned"] = a.TermsOfServiceBanned,
                    ["geminiCliLicense"] = a.GeminiCliLicense,
                    ["credits"] = a.Credits,
                    ["windows"] = Windows(a),
                    ["liveAccessTokens"] = state.AccessTokens.Values.Count(t => t.Email == a.Email && !t.Revoked && t.ExpiresAt > state.Clock.GetUtcNow()),
                    ["pools"] = pools,
                });
            }
        }

        return NodeResult(new JsonObject
        {
            ["now"] = state.Clock.GetUtcNow().ToString("O"),
            ["accounts"] = accounts,
            ["config"] = JsonSerializer.SerializeToNode(state.Config, EmulatorJsonContext.Default.EmulatorConfig),
        });
    }

    private static JsonObject Windows(EmulatedAccount account)
    {
        var windows = new JsonObject();
        foreach (var (id, bucket) in account.Windows)
        {
            windows[id] = new JsonObject
            {
                ["remainingFraction"] = bucket.RemainingFraction,
                ["resetTime"] = bucket.ResetTime?.ToString("O"),
                ["costPerRequest"] = bucket.CostPerRequest,
            };
        }

        return windows;
    }

    private static async Task<IResult> PatchConfigAsync(HttpRequest request, EmulatorState state)
    {
        var patch = await ReadObjectAsync(request);
        var current = JsonSerializer.SerializeToNode(state.Config, EmulatorJsonContext.Default.EmulatorConfig)!.AsObject();
        Merge(current, patch, "");
        EmulatorConfig updated;
        try
        {
            updated = current.Deserialize(EmulatorJsonContext.Default.EmulatorConfig)
                ?? throw new ControlException("Config must be an object.");
        }
        catch (JsonException ex)
        {
            throw new ControlException($"Invalid config: {ex.Message}");
        }

        state.Config = updated;
        return Results.Json(updated, EmulatorJsonContext.Default.EmulatorConfig);
    }

    /// <summary>JSON merge patch, except that a key the config does not have is an error that names it.</summary>
    private static void Merge(JsonObject target, JsonObject patch, string path)
    {
        foreach (var (key, value) in patch.ToList())
        {
            var name = path.Length == 0 ? key : $"{path}.{key}";
            var existing = target.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
            if (existing.Key is null)
            {
                throw new ControlException($"Unknown config key '{name}'.");
            }

            var targetKey = existing.Key;
            if (value is JsonObject child && target[targetKey] is JsonObject targetChild)
            {
                Merge(targetChild, child, name);
            }
            else
            {
                target[targetKey] = value?.DeepClone();
            }
        }
    }

    private static async Task<IResult> MoveClockAsync(HttpRequest request, EmulatorState state)
    {
        var body = await ReadObjectAsync(request);
        if (body["advanceSeconds"] is JsonValue advance)
        {
            var seconds = advance.TryGetValue<double>(out var s) ? s : throw new ControlException("'advanceSeconds' must be a number.");
            if (seconds < 0)
            {
                throw new ControlException("'advanceSeconds' must not be negative; use 'set' to go back.");
            }

            // Rounded to the tick: a decimal number of seconds sent as a double must not lose a tick, since
            // durations in error bodies are written to the nanosecond.
            state.Clock.Advance(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));
        }
        else if (body["set"] is JsonValue set)
        {
            if (!set.TryGetValue<string>(out var text) || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when))
            {
                throw new ControlException("'set' must be an RFC 3339 time.");
            }

            state.Clock.Set(when);
        }
        else
        {
            throw new ControlException("Send 'advanceSeconds' (number) or 'set' (RFC 3339 time).");
        }

        return Results.Json(new ClockReading(state.Clock.GetUtcNow()), EmulatorJsonContext.Default.ClockReading);
    }

    private static async Task<IResult> PutAccountAsync(string email, HttpRequest request, EmulatorState state)
    {
        var body = await ReadObjectAsync(request);
        body["email"] = email;
        AccountSeed seed;
        try
        {
            seed = body.Deserialize(EmulatorJsonContext.Default.AccountSeed) ?? throw new ControlException("Account must be an object.");
        }
        catch (JsonException ex)
        {
            throw new ControlException($"Invalid account: {ex.Message}");
        }

        if (!email.Contains('@', StringComparison.Ordinal))
        {
            throw new ControlException($"'{email}' is not an email address.");
        }

        if (seed.Tier.ToUpperInvariant() is not ("FREE" or "PRO" or "ULTRA"))
        {
            throw new ControlException($"Unknown tier '{seed.Tier}'; use FREE, PRO or ULTRA.");
        }

        state.AddOrReplace(seed);
        return Results.NoContent();
    }

    private static async Task<IResult> MintTokensAsync(string email, HttpRequest request, EmulatorState state)
    {
        var body = request.ContentLength is null or 0 ? [] : await ReadObjectAsync(request);
        bool exists;
        lock (state.Gate)
        {
            exists = state.Accounts.ContainsKey(email);
        }

        if (!exists)
        {
            throw new ControlException($"No account '{email}'.", 404);
        }

        var ttl = body["ttlSeconds"] is JsonValue t
            ? TimeSpan.FromSeconds(t.TryGetValue<double>(out var s) ? s : throw new ControlException("'ttlSeconds' must be a number."))
            : (TimeSpan?)null;
        var (access, refresh) = state.MintTokens(email, ttl, clientId: EmulatorOptions.DefaultClientId);
        var expiresIn = (int)Math.Ceiling((access.ExpiresAt - state.Clock.GetUtcNow()).TotalSeconds);
        return Results.Json(new TokenGrant(access.Value, refresh?.Value, expiresIn), EmulatorJsonContext.Default.TokenGrant);
    }

    private static async Task<IResult> ExpireTokensAsync(HttpRequest request, EmulatorState state)
    {
        var body = await ReadObjectAsync(request);
        var token = OptionalString(body, "accessToken");
        var email = OptionalString(body, "email");
        if (token is null && email is null)
        {
            throw new ControlException("Send 'accessToken' or 'email'.");
        }

        var count = 0;
        lock (state.Gate)
        {
            foreach (var record in state.AccessTokens.Values)
            {
                if ((token is not null && record.Value == token) || (email is not null && record.Email.Equals(email, StringComparison.OrdinalIgnoreCase)))
                {
                    record.ExpiresAt = state.Clock.GetUtcNow().AddSeconds(-1);
                    count++;
                }
            }
        }

        return NodeResult(new JsonObject { ["expired"] = count });
    }

    private static async Task<IResult> RevokeTokensAsync(HttpRequest request, EmulatorState state)
    {
        var body = await ReadObjectAsync(request);
        var token = OptionalString(body, "refreshToken");
        var email = OptionalString(body, "email");
        if (token is null && email is null)
        {
            throw new ControlException("Send 'refreshToken' or 'email'.");
        }

        var count = 0;
        lock (state.Gate)
        {
            var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in state.RefreshTokens.Values)
            {
                if ((token is not null && record.Value == token) || (email is not null && record.Email.Equals(email, StringComparison.OrdinalIgnoreCase)))
                {
                    record.Revoked = true;
                    emails.Add(record.Email);
                    count++;
                }
            }

            if (email is not null)
            {
                emails.Add(email);
            }

            foreach (var access in state.AccessTokens.Values.Where(a => emails.Contains(a.Email)))
            {
                access.Revoked = true;
            }
        }

        return NodeResult(new JsonObject { ["revoked"] = count });
    }

    internal static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw new ControlException($"Malformed JSON: {ex.Message}");
        }

        return node as JsonObject ?? throw new ControlException("The body must be a JSON object.");
    }

    internal static string? OptionalString(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new ControlException($"'{name}' must be a string."),
    };
}
