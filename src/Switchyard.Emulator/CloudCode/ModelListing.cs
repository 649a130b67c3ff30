using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// <c>fetchAvailableModels</c> with the 2026 fields (upstream-2026 §6.1): the account's catalogue on this host,
/// <c>defaultAgentModelId</c>, <c>agentModelSorts</c>, <c>deprecatedModelIds</c> and the id lists. A text model's
/// <c>quotaInfo</c> reads its family's 5 h bucket (or the emptier bucket, <c>quota.quotaInfoWindow: tighter</c>), so
/// it can read 100 % while the weekly bucket is empty, as captured (§1.5). On the free tier Gemini models show the
/// weekly bucket and Claude/GPT models omit the fraction (§1.3).
/// </summary>
internal static class ModelListing
{
    private static readonly JsonObject ImageMimeTypes = new()
    {
        ["image/png"] = true,
        ["image/jpeg"] = true,
        ["image/webp"] = true,
        ["image/heic"] = true,
        ["image/heif"] = true,
    };

    public static EmulatorReply Fetch(CloudCodeCall call)
    {
        var now = call.Now;
        var stale = QuotaSummary.IsStale(call);
        var listed = ModelCatalog.Listed(call.Config, call.Label, call.Account, call.State).ToList();
        var models = new JsonObject();
        foreach (var model in listed)
        {
            models[model.Id] = Entry(call, model, now, stale);
        }

        foreach (var id in ModelCatalog.InternalIds)
        {
            models[id] = new JsonObject { ["displayName"] = id, ["apiProvider"] = "API_PROVIDER_INTERNAL", ["isInternal"] = true };
        }

        var deprecated = new JsonObject();
        foreach (var retired in ModelCatalog.Retired.Values)
        {
            deprecated[retired.Id] = new JsonObject { ["newModelId"] = retired.Successor };
        }

        var ids = listed.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var recommended = listed.Where(m => m.Recommended).Select(m => (JsonNode)m.Id).ToArray();
        var body = new JsonObject { ["models"] = models };
        if (DefaultAgentModel(ids) is { } defaultId)
        {
            body["defaultAgentModelId"] = defaultId;
        }

        body["agentModelSorts"] = new JsonArray
        {
            (JsonNode)new JsonObject
            {
                ["displayName"] = "Recommended",
                ["groups"] = new JsonArray { (JsonNode)new JsonObject { ["modelIds"] = new JsonArray(recommended) } },
            },
        };
        body["deprecatedModelIds"] = deprecated;
        body["imageGenerationModelIds"] = IdList(listed.Where(m => m.Image).Select(m => m.Id));
        body["webSearchModelIds"] = IdList(call.Config.Search.Models.Where(ids.Contains));
        body["tabModelIds"] = IdList(ModelCatalog.InternalIds.Where(id => id.StartsWith("tab_", StringComparison.Ordinal)));
        return new JsonReply(200, body);
    }

    private static JsonObject Entry(CloudCodeCall call, ModelInfo model, DateTimeOffset now, bool stale)
    {
        var entry = new JsonObject { ["displayName"] = model.DisplayName };
        var images = model.Family != "gpt-oss";
        if (images)
        {
            entry["supportsImages"] = true;
        }

        if (model.Thinking)
        {
            entry["supportsThinking"] = true;
            entry["thinkingBudget"] = model.ThinkingBudget ?? 32_768;
        }

        if (model.Tiered)
        {
            entry["supportsAdaptiveThinking"] = true;
        }

        if (model.Recommended)
        {
            entry["recommended"] = true;
        }

        entry["maxTokens"] = model.ContextTokens;
        entry["maxOutputTokens"] = model.MaxOutputTokens;
        if (images)
        {
            entry["supportedMimeTypes"] = ImageMimeTypes.DeepClone();
        }

        entry["quotaInfo"] = QuotaInfo(call, model, now, stale);
        if (model.BackendEnum is { } backend)
        {
            entry["model"] = backend;
        }

        entry["apiProvider"] = model.Family switch
        {
            "claude" => "API_PROVIDER_ANTHROPIC_VERTEX",
            "gpt-oss" => "API_PROVIDER_OPENAI_VERTEX",
            _ => "API_PROVIDER_GOOGLE_GEMINI",
        };
        entry["modelProvider"] = model.Family switch
        {
            "claude" => "MODEL_PROVIDER_ANTHROPIC",
            "gpt-oss" => "MODEL_PROVIDER_OPENAI",
            _ => "MODEL_PROVIDER_GOOGLE",
        };
        if (model.IsNew)
        {
            entry["tagTitle"] = "New";
        }

        return entry;
    }

    private static JsonObject QuotaInfo(CloudCodeCall call, ModelInfo model, DateTimeOffset now, bool stale)
    {
        var window = TimeSpan.FromSeconds(call.Config.QuotaResetWindowSeconds);
        if (call.Account is not { } account)
        {
            return Info(1.0, now + window);
        }

        lock (call.State.Gate)
        {
            if (model.QuotaFamily is not { } family)
            {
                if (stale)
                {
                    return Info(1.0, now + window);
                }

                var bucket = Limits.Current(Limits.PoolOf(account, QuotaPools.Antigravity), model.Bucket, now);
                return Info(bucket.RemainingFraction <= QuotaWindows.Empty ? 0 : bucket.RemainingFraction, bucket.ResetTime ?? now + window);
            }

            var weekly = QuotaWindows.View(account, family, QuotaWindows.Weekly, call.Config, now, stale);
            if (account.IsFreeTier)
            {
                // The free tier has no 5 h window: Gemini shows the weekly one; Claude/GPT omit the fraction (§1.3).
                return family == QuotaFamilies.Gemini ? Info(weekly.Fraction, weekly.Reset) : Info(0, weekly.Reset);
            }

            var fiveHour = QuotaWindows.View(account, family, QuotaWindows.FiveHour, call.Config, now, stale);
            var shown = call.Config.Quota.QuotaInfoWindow == "tighter" && weekly.Fraction < fiveHour.Fraction ? weekly : fiveHour;
            return Info(shown.Fraction, shown.Reset);
        }
    }

    private static JsonObject Info(double fraction, DateTimeOffset reset)
    {
        var info = new JsonObject();
        if (fraction > 0)
        {
            info["remainingFraction"] = fraction;
        }

        info["resetTime"] = Durations.Timestamp(reset);
        return info;
    }

    /// <summary>The newest high Flash the host lists, else the first Flash, else nothing.</summary>
    private static string? DefaultAgentModel(HashSet<string> listed) =>
        new[] { "gemini-3.8-flash-high", "gemini-3.7-flash-high", "gemini-3.6-flash-high", "gemini-3-flash" }.FirstOrDefault(listed.Contains);

    private static JsonArray IdList(IEnumerable<string> ids) => new(ids.Select(id => (JsonNode)id).ToArray());
}
