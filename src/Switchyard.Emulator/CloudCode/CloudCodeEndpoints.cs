using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.State;
using Switchyard.Emulator.Validation;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// <c>POST {base}/v1internal:{method}</c> on the labelled hosts. The prod host answers both at
/// <c>/v1internal:…</c> and <c>/prod/v1internal:…</c>; the others at <c>/{label}/v1internal:…</c>.
/// </summary>
internal static class CloudCodeEndpoints
{
    public static readonly string[] Labels = ["daily-sandbox", "daily", "autopush", "prod"];

    private const string Prefix = "v1internal:";
    private const int MaxBodyBytes = 64 * 1024 * 1024;

    public static void MapCloudCode(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{call}", (HttpContext http, string call, EmulatorState state) => HandleAsync(http, state, "prod", call));
        app.MapPost("/{label}/{call}", (HttpContext http, string label, string call, EmulatorState state) =>
            Labels.Contains(label, StringComparer.Ordinal)
                ? HandleAsync(http, state, label, call)
                : WriteAsync(http, state, null, GoogleErrors.NotFound("Unknown host label.")));
    }

    private static async Task HandleAsync(HttpContext http, EmulatorState state, string label, string call)
    {
        if (!call.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await WriteAsync(http, state, null, GoogleErrors.NotFound());
            return;
        }

        var rpc = call[Prefix.Length..];
        var (body, raw, parseError) = await ReadBodyAsync(http);
        var entry = new JournalEntry
        {
            Time = state.Clock.GetUtcNow(),
            Label = label,
            Rpc = rpc,
            Method = http.Request.Method,
            Path = http.Request.Path.Value ?? "",
            Query = http.Request.QueryString.Value ?? "",
            Headers = JournalHeaders(http.Request.Headers),
            Body = raw is null ? null : Journal.Redact(raw),
        };
        if (parseError is not null || body is null)
        {
            entry.Outcome = "invalid-json";
            await WriteAsync(http, state, entry, GoogleErrors.InvalidJson(parseError ?? "Expected a JSON object."));
            return;
        }

        var cc = new CloudCodeCall
        {
            Http = http,
            State = state,
            Config = state.Config,
            Label = label,
            Rpc = rpc,
            Body = body,
            Pool = ClassifyPool(http.Request.Headers.UserAgent.ToString(), body),
            ModelId = body["model"] is JsonValue v && v.TryGetValue<string>(out var m) ? m : null,
            Entry = entry,
        };
        entry.Pool = cc.Pool;
        entry.Model = cc.ModelId;

        EmulatorReply reply;
        try
        {
            reply = await EvaluateAsync(cc);
        }
        catch (BadRequestException ex)
        {
            entry.Outcome ??= "bad-request";
            reply = GoogleErrors.InvalidArgument(ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            // A field of the wrong JSON kind that got past validation (its rule toggled off): the real
            // service fails such a payload at parse time, so answer as it does, never with a 500.
            entry.Outcome ??= "malformed-payload";
            reply = GoogleErrors.InvalidJson("A field has the wrong type.");
        }

        await WriteAsync(http, state, entry, AsEventStream429(cc, reply));
    }

    /// <summary>2026 §2.2: a 429 on streamGenerateContent is sent as <c>text/event-stream</c> with a JSON body.</summary>
    private static EmulatorReply AsEventStream429(CloudCodeCall call, EmulatorReply reply)
    {
        if (!call.Streaming || !call.Config.Quota.Stream429AsEventStream)
        {
            return reply;
        }

        return reply switch
        {
            JsonReply { Code: 429 } json => json with { ContentType = "text/event-stream" },
            DelayedReply { Inner: JsonReply { Code: 429 } inner } delayed => delayed with { Inner = inner with { ContentType = "text/event-stream" } },
            _ => reply,
        };
    }

    /// <summary>The evaluation order of spec §8.2, with the 2026 steps (docs/emulator.md lists them).</summary>
    private static async Task<EmulatorReply> EvaluateAsync(CloudCodeCall call)
    {
        // 1. Faults: the first matching rule wins.
        var probe = new FaultProbe(call.Label, call.Rpc, call.ModelId, call.Account?.Email ?? TokenEmail(call), call.Pool, Body: call.Entry.Body);
        if (call.State.Faults.Match(probe) is { } fault)
        {
            call.Entry.FaultId = fault.Id;

            // The journal names whose call it was even when the fault answers before authentication.
            call.Entry.Email ??= probe.Email;
            if (FaultReplies.Immediate(call, fault.Action) is { } faultReply)
            {
                return faultReply;
            }

            call.ShapingFault = fault.Action;
        }

        // A host that is down (hosts.unavailable, 2026 §8.2).
        if (call.Config.Hosts.Unavailable.Contains(call.Label, StringComparer.Ordinal))
        {
            call.Entry.Outcome = "host-unavailable";
            return GoogleErrors.Build(503, "UNAVAILABLE", "The service is currently unavailable.");
        }

        // 2. Auth.
        if (Authenticate(call) is { } authError)
        {
            return authError;
        }

        // 3. Account flags.
        if (AccountFlags.Check(call) is { } flagError)
        {
            return flagError;
        }

        switch (call.Rpc)
        {
            case "loadCodeAssist":
                return Provisioning.LoadCodeAssist(call);
            case "onboardUser":
                return Provisioning.OnboardUser(call);
            case "fetchAvailableModels":
                return QuotaRpcs.FetchAvailableModels(call);
            case "retrieveUserQuota":
                return QuotaRpcs.RetrieveUserQuota(call);
            case "retrieveUserQuotaSummary":
                return QuotaRpcs.RetrieveUserQuotaSummary(call);
            case "countTokens":
                return RequestValidator.ValidateCountTokens(call) ?? ReplyGenerator.CountTokens(call);
            case "generateContent":
            case "streamGenerateContent":
                return await GenerateAsync(call);
            default:
                call.Entry.Outcome = "unknown-method";
                return GoogleErrors.NotFound($"Method not found: v1internal:{call.Rpc}");
        }
    }

    private static Task<EmulatorReply> GenerateAsync(CloudCodeCall call)
    {
        if (call.Streaming && !string.Equals(call.Http.Request.Query["alt"], "sse", StringComparison.Ordinal))
        {
            return Task.FromResult<EmulatorReply>(GoogleErrors.InvalidArgument("streamGenerateContent requires alt=sse."));
        }

        // gemini-cli retirement (2026 §5), version floor (§4), envelope, credit opt-in (§3), 4. model (with
        // retired ids §6.3 and the new-model floor), 2026 envelope values (§8.1), 5-7. rpm / quota windows /
        // capacity, 8. validation, content blocks (§8.3), 9. generate.
        var reply = GeminiCliRetirement.Refuse(call)
            ?? VersionFloor.Check(call)
            ?? RequestValidator.ValidateEnvelope(call)
            ?? Credits.ReadOptIn(call)
            ?? ModelCatalog.Resolve(call)
            ?? ClientEnvelope.Check(call)
            ?? Limits.Check(call)
            ?? RequestValidator.Validate(call)
            ?? ToolRules.Check(call)
            ?? ContentBlocks.Check(call);
        if (reply is not null)
        {
            return Task.FromResult(reply);
        }

        var generated = ReplyGenerator.Generate(call);
        if (generated.Status == 200)
        {
            Limits.Charge(call);
            generated = Credits.Report(call, generated);
        }

        return Task.FromResult(generated);
    }

    private static EmulatorReply? Authenticate(CloudCodeCall call)
    {
        if (!call.Config.Validate.Auth)
        {
            // Auth checks off: still attribute the call to the token's account when there is one.
            AttachAccount(call, BearerToken(call.Http));
            call.Account ??= FirstAccount(call.State);
            return null;
        }

        var token = BearerToken(call.Http);
        if (token is null)
        {
            call.Entry.Outcome = "unauthenticated";
            return GoogleErrors.MissingCredential();
        }

        if (!AttachAccount(call, token))
        {
            call.Entry.Outcome = "invalid-token";
            return GoogleErrors.InvalidCredential();
        }

        return null;
    }

    /// <summary>The email behind the bearer token, for fault matching before auth has run.</summary>
    private static string? TokenEmail(CloudCodeCall call)
    {
        var token = BearerToken(call.Http);
        if (token is null)
        {
            return null;
        }

        lock (call.State.Gate)
        {
            return call.State.AccessTokens.TryGetValue(token, out var record) ? record.Email : null;
        }
    }

    private static bool AttachAccount(CloudCodeCall call, string? token)
    {
        if (token is null || call.State.FindLiveAccessToken(token) is not { } record)
        {
            return false;
        }

        lock (call.State.Gate)
        {
            call.Token = record;
            call.Account = call.State.Accounts.GetValueOrDefault(record.Email);
        }

        call.Entry.Email = call.Account?.Email;
        return call.Account is not null;
    }

    private static EmulatedAccount? FirstAccount(EmulatorState state)
    {
        lock (state.Gate)
        {
            return state.AccountsInOrder().FirstOrDefault();
        }
    }

    public static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7
            ? header[7..].Trim()
            : null;
    }

    /// <summary>Spec §2.3: gemini-cli when the UA is a Google node client or GeminiCLI and the body has no userAgent.</summary>
    public static string ClassifyPool(string userAgent, JsonObject body)
    {
        var cliAgent = userAgent.StartsWith("google-api-nodejs-client", StringComparison.Ordinal)
            || userAgent.StartsWith("GeminiCLI", StringComparison.Ordinal);
        return cliAgent && !body.ContainsKey("userAgent") ? QuotaPools.GeminiCli : QuotaPools.Antigravity;
    }

    private static async Task<(JsonObject? Body, string? Raw, string? Error)> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        }
        catch (IOException ex)
        {
            return (null, null, $"Could not read the body: {ex.Message}");
        }

        if (buffer.Length > MaxBodyBytes)
        {
            return (null, null, "Request payload size exceeds the limit.");
        }

        var raw = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        if (raw.Length == 0)
        {
            return (new JsonObject(), raw, null);
        }

        try
        {
            return JsonNode.Parse(raw) is JsonObject obj
                ? (obj, raw, null)
                : (null, raw, "Expected a JSON object at the top level.");
        }
        catch (JsonException ex)
        {
            return (null, raw, $"Unexpected token: {ex.Message}");
        }
    }

    private static Dictionary<string, string> JournalHeaders(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            result[name] = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                ? (value.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "Bearer [redacted]" : "[redacted]")
                : value.ToString();
        }

        return result;
    }

    /// <summary>
    /// Journals the call, then writes the reply. The entry is stored before the first byte goes out, so a
    /// client that has its answer always finds the call in the journal; status and bytes are updated after.
    /// </summary>
    internal static async Task WriteAsync(HttpContext http, EmulatorState state, JournalEntry? entry, EmulatorReply reply)
    {
        var stored = entry is null ? null : state.Journal.Add(entry with { Status = reply.Status });
        var status = reply.Status;
        long bytes = 0;
        try
        {
            (status, bytes) = await reply.WriteAsync(http, http.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            status = 499;
        }
        finally
        {
            if (stored is not null)
            {
                stored.Status = status;
                stored.BytesSent = bytes;
            }
        }
    }
}

/// <summary>Thrown by a stage for a malformed request; becomes Google's 400 INVALID_ARGUMENT.</summary>
internal sealed class BadRequestException(string message) : Exception(message);
