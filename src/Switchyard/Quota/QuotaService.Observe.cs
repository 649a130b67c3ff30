using Switchyard.Models;
using Switchyard.RateLimits;
using Switchyard.Upstream;

namespace Switchyard.Quota;

internal sealed partial class QuotaService
{
    private static readonly TimeSpan FiveHours = TimeSpan.FromHours(5);

    /// <summary>The models the upstream answers web search with when the catalogue names none (upstream-2026 §8.1).</summary>
    public static IReadOnlyList<string> DefaultSearchModels { get; } = ["gemini-3-flash", "gemini-3.1-flash-lite"];

    /// <summary>
    /// Where a quota 429 on <paramref name="accountId"/> is held (upstream-2026 §2.3): for an antigravity text model, the
    /// family's weekly window when the delay is over 5 h or the live summary shows that window empty (or the account
    /// has no 5 h window), else its 5 h window. Null for other failures, images and the gemini-cli pool (their group holds).
    /// A quota 429 without a reset time has the account read again, so the summary places it.
    /// </summary>
    public RateLimitKey? WindowKeyFor(string accountId, ModelRoute route, string pool, UpstreamFailure failure)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(failure);
        if (pool != QuotaPools.Antigravity || route.QuotaFamily is not { } family)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var delay = failure.RetryDelay ?? (failure.ResetAt is { } at ? at - now : null);
        var quota = failure.Kind == UpstreamFailureKind.QuotaExhausted
            || (failure.Kind == UpstreamFailureKind.RateLimited && delay > FiveHours);
        if (!quota)
        {
            return null;
        }

        if (delay is null)
        {
            RequestRefresh(accountId);
        }

        var q = Get(accountId);
        var weekly = q.Entry(QuotaWindowNames.BucketId(family, QuotaWindowNames.Weekly));
        var fiveHour = q.Entry(QuotaWindowNames.BucketId(family, QuotaWindowNames.FiveHour));
        var isWeekly = delay > FiveHours
            || (fiveHour is null && weekly is not null)
            || (weekly is { Stale: false, RemainingFraction: <= 0 } && weekly.ResetTime > now);
        return new RateLimitKey(accountId, QuotaWindowNames.BucketId(family, isWeekly ? QuotaWindowNames.Weekly : QuotaWindowNames.FiveHour), pool);
    }

    /// <summary>The upstream answered 404 for <paramref name="modelId"/> on every host: it leaves this account's catalogue until the next reading.</summary>
    public void MarkModelMissing(string accountId, string modelId)
    {
        var before = Get(accountId);
        if (before.MissingModels.Contains(modelId, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        Update(accountId, q => q.MissingModels.Contains(modelId, StringComparer.OrdinalIgnoreCase) ? q : q with { MissingModels = [.. q.MissingModels, modelId] });
        LogModelMissing(accountId, modelId);
    }

    /// <summary>Whether the account keeps the gemini-cli pool (loadCodeAssist, or a content call's UNSUPPORTED_CLIENT).</summary>
    public void MarkGeminiCli(string accountId, bool available, string? reason)
    {
        var before = Get(accountId).GeminiCli;
        Update(accountId, q => q with { GeminiCli = available, GeminiCliReason = available ? null : reason });
        if (before != available && !available)
        {
            LogNoGeminiCli(accountId);
        }
    }

    /// <summary>INSUFFICIENT_G1_CREDITS_BALANCE: credits off for the account until a reading shows a usable balance.</summary>
    public void MarkCreditsExhausted(string accountId)
    {
        if (!Get(accountId).CreditsExhausted)
        {
            Update(accountId, q => q with { CreditsExhausted = true });
            LogCreditsExhausted(accountId);
        }
    }

    /// <summary>The balance an answer reported (<c>remainingCredits</c>).</summary>
    public void ObserveCredits(string accountId, long remaining)
    {
        var now = time.GetUtcNow();
        Update(accountId, q =>
        {
            var balance = new CreditBalance(remaining, q.Credits?.Minimum ?? CreditBalance.DefaultMinimum);
            return q with { Credits = balance, CreditsReadAt = now, CreditsExhausted = q.CreditsExhausted && !balance.Usable };
        });
    }

    /// <summary>
    /// True when a protection threshold covers one of <paramref name="keys"/> and the account's reading of it is below the
    /// threshold (and its reset, if known, is still ahead). Unknown quota is not protected.
    /// </summary>
    public bool IsProtected(string accountId, IReadOnlyList<string> keys)
    {
        var thresholds = options.CurrentValue.ProtectionThresholds;
        if (thresholds.Count == 0 || keys.Count == 0)
        {
            return false;
        }

        var q = Get(accountId);
        var now = time.GetUtcNow();
        foreach (var (name, threshold) in thresholds)
        {
            foreach (var key in QuotaGroups.Covered(name).Where(k => keys.Contains(k, StringComparer.OrdinalIgnoreCase)))
            {
                if (q.Entry(key) is { } entry && !entry.Disabled && entry.RemainingFraction < threshold && (entry.ResetTime is null || entry.ResetTime > now))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The keys a route's quota is read from: its family's windows, or <c>image</c>.</summary>
    public static IReadOnlyList<string> KeysFor(ModelRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.ImageGeneration ? [QuotaKeys.Image] : QuotaKeys.For(route);
    }

    /// <summary>The lowest fraction left in the account's readings of <paramref name="keys"/>, or null when none is read.</summary>
    public double? RemainingFraction(string accountId, IReadOnlyList<string> keys)
    {
        double? lowest = null;
        foreach (var entry in Get(accountId).Entries)
        {
            if (!entry.Disabled && keys.Contains(entry.Group, StringComparer.OrdinalIgnoreCase) && (lowest is null || entry.RemainingFraction < lowest))
            {
                lowest = entry.RemainingFraction;
            }
        }

        return lowest;
    }

    /// <summary>
    /// What the pool serves: every model some enabled account's catalogue lists (less the ids that answered 404), and
    /// the gemini-cli ids when an account keeps that pool. Empty while no catalogue was read.
    /// </summary>
    public IReadOnlyList<ServedModel> ServedModels()
    {
        var served = new Dictionary<string, ServedModel>(StringComparer.OrdinalIgnoreCase);
        var geminiCli = false;
        foreach (var account in registry.Current.Enabled)
        {
            var q = Get(account.Id);
            geminiCli |= q.GeminiCli == true;
            foreach (var model in q.Catalogues.SelectMany(c => c.Models))
            {
                if (!q.MissingModels.Contains(model.Id, StringComparer.OrdinalIgnoreCase))
                {
                    served.TryAdd(model.Id, new ServedModel(model.Id, model.DisplayName, model.ContextTokens, model.MaxOutputTokens));
                }
            }
        }

        if (geminiCli && served.Count > 0)
        {
            foreach (var model in UpstreamModels.All.Where(m => m.Pool == ModelPool.GeminiCli))
            {
                served.TryAdd(model.Id, new ServedModel(model.Id, model.DisplayName, model.ContextWindow, model.MaxOutputTokens));
            }
        }

        return [.. served.Values];
    }

    /// <summary>Whether some enabled account's catalogue lists the id (false while no catalogue was read).</summary>
    public bool IsServed(string modelId) =>
        registry.Current.Enabled.Any(a => Get(a.Id).Serves(modelId) == true);

    /// <summary>
    /// The successor of a deprecated or retired id: the live <c>deprecatedModelIds</c> of any account first, then the
    /// built-in hint (<see cref="UpstreamModels.Replacements"/>); null when the id is current.
    /// </summary>
    public string? SuccessorOf(string modelId)
    {
        foreach (var account in registry.Current.Enabled)
        {
            foreach (var catalogue in Get(account.Id).Catalogues)
            {
                if (catalogue.Deprecated.TryGetValue(modelId, out var successor))
                {
                    return successor;
                }
            }
        }

        return UpstreamModels.Replacements.TryGetValue(modelId, out var hint) ? hint.Id : null;
    }

    /// <summary>
    /// The model a retired-id notice names ("… Please switch to Claude Opus 4.6!"), found by its display name in the live
    /// catalogues (the name, or the name and a level in brackets); null when none matches.
    /// </summary>
    public string? SuccessorNamed(string notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var at = notice.LastIndexOf("switch to ", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var name = notice[(at + "switch to ".Length)..];
        var cut = name.IndexOf(" in the latest", StringComparison.OrdinalIgnoreCase);
        name = (cut >= 0 ? name[..cut] : name).Trim().TrimEnd('.', '!').Trim();
        if (name.Length == 0)
        {
            return null;
        }

        var models = registry.Current.Enabled.SelectMany(a => Get(a.Id).Catalogues).SelectMany(c => c.Models).ToList();
        return models.FirstOrDefault(m => string.Equals(m.DisplayName, name, StringComparison.OrdinalIgnoreCase))?.Id
            ?? models.FirstOrDefault(m => m.DisplayName?.StartsWith(name + " (", StringComparison.OrdinalIgnoreCase) == true)?.Id;
    }

    /// <summary>
    /// The search models the enabled accounts' catalogues list (their <c>webSearchModelIds</c>), in catalogue order; empty
    /// until a catalogue naming some has been read.
    /// </summary>
    public IReadOnlyList<string> ListedSearchModels() =>
        registry.Current.Enabled.SelectMany(a => Get(a.Id).Catalogues).SelectMany(c => c.WebSearchModelIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The models the account's catalogue answers web search with (its <c>webSearchModelIds</c>), or the defaults.</summary>
    public IReadOnlyList<string> SearchModels(string accountId)
    {
        var listed = Get(accountId).Catalogues.SelectMany(c => c.WebSearchModelIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return listed.Count > 0 ? listed : DefaultSearchModels;
    }

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Account {AccountId}: the upstream does not know {Model}; it leaves the account's catalogue until the next reading")]
    private partial void LogModelMissing(string accountId, string model);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information, Message = "Account {AccountId} has no gemini-cli pool (UNSUPPORTED_CLIENT); it keeps serving the antigravity pool")]
    private partial void LogNoGeminiCli(string accountId);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "Account {AccountId}: Google One AI credits are exhausted; credits are off for it until the balance returns")]
    private partial void LogCreditsExhausted(string accountId);
}
