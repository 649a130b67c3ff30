using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.State;
using Switchyard.Emulator.Validation;

namespace Switchyard.Emulator.Faults;

/// <summary>
/// Turns a fault action into the reply it stands for (spec §8.4). Messages in 429/5xx bodies carry no
/// digit+unit tokens other than the reset delay itself (spec §5.1), since RS scans them for delays.
/// </summary>
internal static class FaultReplies
{
    public static readonly string[] HttpPresets =
    [
        "notFound", "unauthenticated", "validationRequired", "serviceDisabled", "permissionDenied", "internal",
        "unavailable", "overloaded529", "timeout408",

        // 2026 (upstream-2026 §3.4, §5, §7).
        "validationRequiredLong", "tosBan", "unsupportedClient", "insufficientCredits",
    ];

    public static readonly string[] BadRequestPresets =
    [
        "thinkingOrder", "invalidSignature", "signatureRequired", "extraInputs", "toolResultMissing",
        "unexpectedToolResult", "promptTooLong", "thinkingDisabled", "budget", "promptTooLongGemini", "budgetGemini",
        "geminiMissingSig", "corruptedSignature", "unknownField", "assistantPrefill", "enumOnlyForString",
    ];

    private const string DefaultHtml502 =
        "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Error 502 (Server Error)!!1</title>"
        + "<p><b>502.</b> <ins>That’s an error.</ins><p>The server encountered a temporary error and could not complete your request.<p>Please try again later. <ins>That’s all we know.</ins></html>";

    /// <summary>
    /// The reply that replaces the call, or null when the action only shapes the real reply
    /// (<c>delay</c>, <c>stream</c>, <c>onboard</c>, <c>loadCodeAssist</c>) or belongs to the OAuth endpoints.
    /// </summary>
    public static EmulatorReply? Immediate(CloudCodeCall call, FaultAction action)
    {
        var reply = action.Type switch
        {
            FaultActionTypes.NetworkReset => new NetworkResetReply(),
            FaultActionTypes.EmptyResponse => new RawReply(200, call.Streaming ? "text/event-stream" : "application/json; charset=UTF-8", ""),
            FaultActionTypes.Raw => new RawReply(
                action.Int("status") ?? 502,
                action.String("contentType") ?? "text/html; charset=UTF-8",
                action.String("body") ?? DefaultHtml502),
            FaultActionTypes.ErrorArray => ErrorArray(call, action),
            FaultActionTypes.Notice => Notice(call, action),
            _ => JsonError(call, action),
        };
        return reply is null or NetworkResetReply ? reply : WithRetryAfter(reply, action);
    }

    /// <summary>The Google JSON error of a JSON-error action type, or null for any other type.</summary>
    private static EmulatorReply? JsonError(CloudCodeCall call, FaultAction action) => action.Type switch
    {
        FaultActionTypes.RateLimit => Limits.RateLimited(call.ModelId, action.Duration("retryDelay") ?? TimeSpan.FromSeconds(1), action.String("message")),
        FaultActionTypes.QuotaExhausted => QuotaExhausted(call, action),
        FaultActionTypes.Capacity => Limits.CapacityExhausted(call.ModelId, action.Int("status") ?? 429, action.Duration("retryDelay"), action.String("reason") ?? "MODEL_CAPACITY_EXHAUSTED"),
        FaultActionTypes.GenericExhausted => Limits.GenericExhausted(),
        FaultActionTypes.Http => Http(call, action),
        FaultActionTypes.BadRequest => BadRequest(call, action),
        _ => null,
    };

    private static EmulatorReply? ErrorArray(CloudCodeCall call, FaultAction action)
    {
        var inner = action.Args["of"] is JsonObject of && of["type"] is JsonValue t && t.TryGetValue<string>(out var type)
            ? new FaultAction(type, of)
            : new FaultAction(FaultActionTypes.RateLimit, []);
        return JsonError(call, inner) switch
        {
            JsonReply json => new JsonReply(json.Code, new JsonArray { json.Body.DeepClone() }) { Headers = json.Headers },
            var other => other,
        };
    }

    /// <summary>
    /// <c>quotaExhausted {resetIn | resetAt, window?: 5h | weekly, style?, includeRetryInfo?, setBucketState?}</c>.
    /// The weekly window defaults to a week out and to <c>quota.weeklyStyle</c>; the 5 h one to the configured
    /// window and the capacity text.
    /// </summary>
    private static JsonReply QuotaExhausted(CloudCodeCall call, FaultAction action)
    {
        var now = call.Now;
        var weekly = action.String("window") == QuotaWindows.Weekly;
        var defaultIn = weekly ? TimeSpan.FromSeconds(call.Config.Quota.WeeklyWindowSeconds) : TimeSpan.FromSeconds(call.Config.QuotaResetWindowSeconds);
        var resetTime = action.String("resetAt") is { } at && FaultRuleParser.TryTime(at, out var when)
            ? when
            : now + (action.Duration("resetIn") ?? defaultIn);
        if (action.Bool("setBucketState") ?? true)
        {
            DrainBucket(call, resetTime, weekly ? QuotaWindows.Weekly : QuotaWindows.FiveHour);
        }

        var style = action.String("style") ?? (weekly ? call.Config.Quota.WeeklyStyle : QuotaErrors.Capacity);
        return QuotaErrors.Exhausted(call.ModelId, resetTime, now, style, action.Bool("includeRetryInfo") ?? true);
    }

    /// <summary>
    /// Empties what the call's model spends (its family's window, or its own bucket), so fetchAvailableModels, the
    /// summary and later calls agree with the fault. A free-tier account has no 5 h window: its weekly one drains.
    /// </summary>
    private static void DrainBucket(CloudCodeCall call, DateTimeOffset resetTime, string window)
    {
        if (call.ModelId is null || ModelCatalog.Find(call.ModelId) is not { } model || !model.Pools.Contains(call.Pool))
        {
            return;
        }

        lock (call.State.Gate)
        {
            if (AccountOf(call) is not { } account)
            {
                return;
            }

            if (call.Pool == QuotaPools.Antigravity && model.QuotaFamily is { } family)
            {
                QuotaWindows.Drain(account, family, QuotaWindows.Has(account, window) ? window : QuotaWindows.Weekly, resetTime, call.Now);
            }
            else
            {
                Limits.Drain(Limits.PoolOf(account, call.Pool), ModelCatalog.BucketFor(model, call.Pool), resetTime);
            }
        }
    }

    /// <summary><c>notice {text?}</c>: the 200 whose completion is a notice (default: the version-floor text), stream or not.</summary>
    private static EmulatorReply Notice(CloudCodeCall call, FaultAction action) =>
        Notices.Completion(call, action.String("text") ?? call.Config.VersionFloor.Notice);

    /// <summary>The call's account; faults run before auth, so it is looked up from the bearer token. Call under the gate.</summary>
    private static EmulatedAccount? AccountOf(CloudCodeCall call)
    {
        if (call.Account is { } account)
        {
            return account;
        }

        return CloudCodeEndpoints.BearerToken(call.Http) is { } token
            && call.State.AccessTokens.TryGetValue(token, out var record)
            ? call.State.Accounts.GetValueOrDefault(record.Email)
            : null;
    }

    private static EmulatorReply Http(CloudCodeCall call, FaultAction action)
    {
        var status = action.Int("status");
        EmulatorReply reply;
        if (action.Args["body"] is { } body)
        {
            reply = body is JsonValue v && v.TryGetValue<string>(out var text)
                ? new RawReply(status ?? 500, "application/json; charset=UTF-8", text)
                : new JsonReply(status ?? 500, body.DeepClone());
        }
        else
        {
            reply = action.String("preset") switch
            {
                "notFound" => GoogleErrors.NotFound(),
                "unauthenticated" => GoogleErrors.InvalidCredential(),
                "validationRequired" => AccountFlags.ValidationRequired(EmailOf(call)),
                "validationRequiredLong" => AccountFlags.ValidationRequired(EmailOf(call), longForm: true),
                "tosBan" => AccountFlags.TosBanned(call.Config),
                "unsupportedClient" => GoogleErrors.Build(403, "PERMISSION_DENIED", GeminiCliRetirement.Message, [(JsonNode)GoogleErrors.ErrorInfo(GeminiCliRetirement.ReasonCode)]),
                "insufficientCredits" => QuotaErrors.InsufficientCredits(call.ModelId),
                "serviceDisabled" => AccountFlags.ServiceDisabled(ProjectOf(call)),
                "permissionDenied" => GoogleErrors.PermissionDenied(),
                "internal" => GoogleErrors.Build(500, "INTERNAL", "Internal error encountered."),
                "unavailable" => GoogleErrors.Build(503, "UNAVAILABLE", "The service is currently unavailable."),
                "overloaded529" => GoogleErrors.Build(529, "UNAVAILABLE", "The model is overloaded. Please try again later."),
                "timeout408" => GoogleErrors.Build(408, "DEADLINE_EXCEEDED", "The request timed out. Please try again later."),
                _ => GoogleErrors.Build(status ?? 500, StatusName(status ?? 500), DefaultMessage(status ?? 500)),
            };
            if (status is { } code && reply is JsonReply json && json.Code != code)
            {
                var clone = json.Body.DeepClone();
                if (clone["error"] is JsonObject error)
                {
                    error["code"] = code;
                }

                reply = new JsonReply(code, clone) { Headers = json.Headers };
            }
        }

        if (action.Args["headers"] is JsonObject headers)
        {
            reply = reply with { Headers = Merge(reply.Headers, headers.Select(p => (p.Key, p.Value!.GetValue<string>()))) };
        }

        return reply;
    }

    private static string EmailOf(CloudCodeCall call)
    {
        lock (call.State.Gate)
        {
            return AccountOf(call)?.Email ?? "user@example.com";
        }
    }

    private static string ProjectOf(CloudCodeCall call)
    {
        var header = call.Http.Request.Headers["x-goog-user-project"].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        if (call.Body["project"] is JsonValue v && v.TryGetValue<string>(out var project) && project.Length > 0)
        {
            return project;
        }

        lock (call.State.Gate)
        {
            return AccountOf(call)?.ProjectId ?? "emulator-project";
        }
    }

    private static JsonReply BadRequest(CloudCodeCall call, FaultAction action)
    {
        var preset = action.String("preset");
        var message = action.String("message");
        var index = action.Int("index") ?? LastModelTurn(call);
        var variant = action.String("variant");
        var contextTokens = ModelCatalog.Find(call.ModelId ?? "")?.ContextTokens;
        return preset switch
        {
            "thinkingOrder" => Rejections.Claude(message ?? Rejections.ThinkingOrder(index, variant ?? "text")),
            "invalidSignature" => Rejections.Claude(message ?? Rejections.InvalidSignature(index)),
            "signatureRequired" => Rejections.Claude(message ?? (variant == "thinking"
                ? Rejections.ThinkingRequired(index)
                : Rejections.SignatureRequired(index))),
            "extraInputs" => Rejections.Claude(message ?? Rejections.ExtraInputs(index)),
            "toolResultMissing" => Rejections.Claude(message ?? Rejections.ToolResultMissing(index, [variant ?? "toolu_vrtx_01EmulatedMissingResult"])),
            "unexpectedToolResult" => Rejections.Claude(message ?? Rejections.UnexpectedToolResult(index, 0, variant ?? "toolu_vrtx_01EmulatedOrphanResult")),
            "promptTooLong" => Rejections.Claude(message ?? Rejections.PromptTooLong(
                (contextTokens ?? 200_000) + 15_000,
                contextTokens ?? 200_000,
                capitalized: (variant ?? call.Config.PromptTooLongStyle) == "capitalized")),
            "thinkingDisabled" => Rejections.Claude(message ?? Rejections.ThinkingDisabled),
            "budget" => Rejections.Claude(message ?? (variant == "min" ? Rejections.BudgetTooSmall : Rejections.BudgetAboveMax)),
            "promptTooLongGemini" => Rejections.Google(message ?? Rejections.PromptTooLongGemini(1_200_000, contextTokens ?? 1_048_576)),
            "budgetGemini" => Rejections.Google(message ?? Rejections.BudgetGemini(70_000, 65_537)),
            "geminiMissingSig" => Rejections.Google(message ?? Rejections.GeminiMissingSignature(variant ?? "read_file", 0)),
            "corruptedSignature" => Rejections.Google(message ?? Rejections.CorruptedSignature),
            "assistantPrefill" => Rejections.Claude(message ?? Rejections.PrefillUnsupported),
            "enumOnlyForString" => Rejections.Google(message ?? Rejections.EnumOnlyForString(
                $"{StructureRules.GenerateRequest}.tools[0].function_declarations[0].parameters.properties[{variant ?? "mode"}]")),
            "unknownField" => message is null ? GoogleErrors.UnknownField(variant ?? "unknown_field", "request") : Rejections.Google(message),
            _ => Rejections.Google(message ?? "Request contains an invalid argument."),
        };
    }

    /// <summary>The index of the last <c>model</c> turn in <c>request.contents</c> (what <c>messages.N</c> points at), else 0.</summary>
    private static int LastModelTurn(CloudCodeCall call)
    {
        if (call.Body["request"]?["contents"] is not JsonArray contents)
        {
            return 0;
        }

        for (var i = contents.Count - 1; i >= 0; i--)
        {
            if (contents[i]?["role"] is JsonValue role && role.TryGetValue<string>(out var r) && r == "model")
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Adds <c>Retry-After</c> (whole seconds) and <c>retry-after-ms</c> when the action asks for them.</summary>
    private static EmulatorReply WithRetryAfter(EmulatorReply reply, FaultAction action)
    {
        var extra = new List<(string, string)>();
        if (action.Double("retryAfter") is { } seconds)
        {
            extra.Add(("Retry-After", ((long)Math.Ceiling(seconds)).ToString(CultureInfo.InvariantCulture)));
        }

        if (action.Double("retryAfterMs") is { } ms)
        {
            extra.Add(("retry-after-ms", ((long)Math.Round(ms)).ToString(CultureInfo.InvariantCulture)));
        }

        return extra.Count == 0 ? reply : reply with { Headers = Merge(reply.Headers, extra) };
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? existing, IEnumerable<(string Name, string Value)> extra)
    {
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (existing is not null)
        {
            foreach (var (name, value) in existing)
            {
                merged[name] = value;
            }
        }

        foreach (var (name, value) in extra)
        {
            merged[name] = value;
        }

        return merged;
    }

    private static string StatusName(int status) => status switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        408 or 504 => "DEADLINE_EXCEEDED",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        500 => "INTERNAL",
        501 => "UNIMPLEMENTED",
        502 or 503 or 529 => "UNAVAILABLE",
        _ => "UNKNOWN",
    };

    private static string DefaultMessage(int status) => status switch
    {
        400 => "Request contains an invalid argument.",
        401 => "Request had invalid authentication credentials.",
        403 => "The caller does not have permission",
        404 => "Requested entity was not found.",
        429 => Limits.RateLimitMessage,
        500 => "Internal error encountered.",
        503 or 529 => "The service is currently unavailable.",
        _ => "The request failed.",
    };
}
