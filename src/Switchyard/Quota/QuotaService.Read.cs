using System.Text.Json;
using Switchyard.Accounts;
using Switchyard.RateLimits;
using Switchyard.Upstream;

namespace Switchyard.Quota;

internal sealed partial class QuotaService
{
    /// <summary>The reading of one account, step by step; each step that fails leaves its part of the last reading.</summary>
    private async Task<string?> ReadAsync(Account account, CancellationToken cancellationToken)
    {
        var id = account.Id;
        var problems = new List<string>();

        // 1. loadCodeAssist: the credit balance and a pending verification (upstream-2026 §3.3, §7.2).
        var load = await tokens.ExecuteAsync(id, (token, ct) => cloudCode.LoadCodeAssistAsync(token, ct), cancellationToken);
        if (load.Value is { } status)
        {
            if (status.Ineligible("VALIDATION_REQUIRED") is { } verify)
            {
                await checks.VerificationRequiredAsync(id, verify.ValidationUrl, cancellationToken);
            }

            var now = time.GetUtcNow();
            Update(id, q => q with
            {
                Credits = status.Credits,
                CreditsReadAt = now,
                CreditsExhausted = q.CreditsExhausted && status.Credits is not { Usable: true },
            });
        }
        else if (await AccountFailureAsync(id, load.Status, load.ErrorBody, cancellationToken) is { } stop)
        {
            return await FinishAsync(account, [stop], stop);
        }
        else
        {
            problems.Add("loadCodeAssist: " + load.Error);
            if (load.IsUnauthorized)
            {
                return await FinishAsync(account, problems, load.Error);
            }
        }

        // 2. loadCodeAssist as gemini-cli: whether the account keeps that pool (upstream-2026 §5).
        var cli = await tokens.ExecuteAsync(id, (token, ct) => cloudCode.LoadCodeAssistAsGeminiCliAsync(token, ct), cancellationToken);
        if (cli.Value is { } cliStatus)
        {
            if (cliStatus.Ineligible("UNSUPPORTED_CLIENT") is { } unsupported && cliStatus.CurrentTierId is null)
            {
                MarkGeminiCli(id, false, unsupported.Message);
            }
            else if (cliStatus.CurrentTierId is not null || cliStatus.ProjectId is not null)
            {
                MarkGeminiCli(id, true, null);
            }
        }
        else if (cli.ErrorBody is { } body
            && UpstreamErrorClassifier.Classify(cli.Status, null, body, time.GetUtcNow()) is { Kind: UpstreamFailureKind.UnsupportedClient } refused)
        {
            MarkGeminiCli(id, false, refused.Message);
        }

        // 3. The quota summary, from a live host (upstream-2026 §1).
        var observedAt = time.GetTimestamp();
        var summary = await tokens.ExecuteAsync(id, (token, ct) => cloudCode.RetrieveUserQuotaSummaryAsync(token, account.ProjectId, ct), cancellationToken);
        if (summary.Value is { IsUsable: true } reading)
        {
            if (!ApplySummary(id, reading, observedAt))
            {
                problems.Add($"quota summary: only {reading.Host} answered, whose figures lag; the last live reading stays, marked stale");
            }

            problems.AddRange(reading.Problems.Select(p => "quota summary: " + p));
        }
        else
        {
            if (summary.Value is null && await AccountFailureAsync(id, summary.Status, summary.ErrorBody, cancellationToken) is { } stop)
            {
                return await FinishAsync(account, [.. problems, stop], stop);
            }

            problems.Add("quota summary: " + (summary.Value is { } bad ? string.Join("; ", bad.Problems) : summary.Error));
            Update(id, q => q with { Entries = [.. q.Entries.Select(e => QuotaKeys.IsWindow(e.Group) ? e with { Stale = true } : e)] });
        }

        // 4. The catalogue of every generate host (upstream-2026 §6.1): per account and host.
        await ReadCataloguesAsync(account, problems, cancellationToken);
        return await FinishAsync(account, problems, null);
    }

    /// <summary>An account-level refusal of a quota RPC (verification, a ban): handled, and named; null for anything else.</summary>
    private async Task<string?> AccountFailureAsync(string accountId, int status, string? body, CancellationToken cancellationToken)
    {
        if (status is not 403 || body is null)
        {
            return null;
        }

        var failure = UpstreamErrorClassifier.Classify(status, null, body, time.GetUtcNow());
        switch (failure.Kind)
        {
            case UpstreamFailureKind.ValidationRequired:
                await checks.VerificationRequiredAsync(accountId, failure.ValidationUrl, cancellationToken);
                return "the account needs verification (VALIDATION_REQUIRED)";
            case UpstreamFailureKind.TermsOfServiceBan:
                await checks.BannedAsync(accountId, failure.Message, cancellationToken);
                return "the account was disabled for a Terms of Service violation";
            default:
                return null;
        }
    }

    /// <summary>
    /// Takes a usable summary: its windows become the entries (windows it left out stay, marked stale). From a live host,
    /// an empty window holds its key until its reset, and a window with quota releases a hold older than the reading.
    /// From a host whose figures lag (prod), it is shown only while no live reading was ever taken: false when a live
    /// reading stays instead (marked stale).
    /// </summary>
    private bool ApplySummary(string accountId, QuotaSummaryReading reading, long observedAt)
    {
        var stale = upstream.CurrentValue.IsStaleQuotaHost(reading.Host);
        var now = time.GetUtcNow();
        if (stale && Get(accountId) is { SummaryAt: not null, SummaryStale: false })
        {
            Update(accountId, q => q with { Entries = [.. q.Entries.Select(e => QuotaKeys.IsWindow(e.Group) ? e with { Stale = true } : e)] });
            return false;
        }

        var windows = reading.Windows
            .Select(w => new QuotaEntry(w.BucketId, w.Fraction, w.ResetTime, now, stale, w.Disabled))
            .ToList();
        if (!stale)
        {
            history.Record(accountId, windows, now);
            foreach (var w in reading.Windows.Where(w => !w.Disabled))
            {
                var key = new RateLimitKey(accountId, w.BucketId, QuotaPools.Antigravity);
                if (w.Fraction > 0)
                {
                    cooldowns.Release(key, observedAt);
                }
                else if (w.ResetTime is { } reset && reset > now)
                {
                    cooldowns.Lock(key, reset - now, UpstreamFailureKind.QuotaExhausted);
                }
            }
        }

        Update(accountId, q => q with
        {
            Entries =
            [
                .. windows,
                .. q.Entries.Where(e => QuotaKeys.IsWindow(e.Group) && !windows.Exists(w => w.Group == e.Group)).Select(e => e with { Stale = true }),
                .. q.Entries.Where(e => !QuotaKeys.IsWindow(e.Group)),
            ],
            SummaryAt = now,
            SummaryStale = stale,
        });
        return true;
    }

    private async Task ReadCataloguesAsync(Account account, List<string> problems, CancellationToken cancellationToken)
    {
        var fresh = new List<HostCatalogue>();
        var failed = new List<string>();
        foreach (var host in upstream.CurrentValue.GetEffectiveHosts())
        {
            var result = await tokens.ExecuteAsync(account.Id, (token, ct) => cloudCode.FetchAvailableModelsAsync(token, account.ProjectId, host, ct), cancellationToken);
            if (result.Value is { IsUsable: true } catalogue)
            {
                fresh.Add(new HostCatalogue(host.Label, catalogue.Models, catalogue.Deprecated, catalogue.WebSearchModelIds, time.GetUtcNow()));
                problems.AddRange(catalogue.Problems.Select(p => $"catalogue on {host.Label}: {p}"));
            }
            else
            {
                failed.Add(host.Label);
                problems.Add($"catalogue on {host.Label}: " + (result.Value is { } bad ? string.Join("; ", bad.Problems) : result.Error));
            }
        }

        var now = time.GetUtcNow();
        Update(account.Id, q =>
        {
            var kept = q.Catalogues.Where(c => failed.Contains(c.Host, StringComparer.OrdinalIgnoreCase)).Select(c => c with { Stale = true });
            var catalogues = fresh.Concat(kept).ToList();
            var image = ImageEntry(catalogues, now);
            return q with
            {
                Catalogues = catalogues,
                MissingModels = fresh.Count > 0 ? [] : q.MissingModels,
                Entries = [.. q.Entries.Where(e => e.Group != QuotaKeys.Image), .. image is null ? [] : new[] { image }, .. FallbackWindows(q, catalogues, now)],
            };
        });
    }

    /// <summary>The image bucket from the image models' quotaInfo (upstream-2026 §1.4: outside the families).</summary>
    private static QuotaEntry? ImageEntry(List<HostCatalogue> catalogues, DateTimeOffset now)
    {
        var images = catalogues.Where(c => !c.Stale).SelectMany(c => c.Models)
            .Where(m => m.Id.Contains("image", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return images.Count == 0
            ? null
            : new QuotaEntry(QuotaKeys.Image, images.Min(m => m.QuotaFraction ?? 0), images.Select(m => m.QuotaReset).Min(), now);
    }

    /// <summary>
    /// Without any summary yet, the 5 h windows estimated from the models' quotaInfo (upstream-2026 §1.5: only when the
    /// summary is unavailable), shown as stale so they never release a hold; models without a fraction are unknown.
    /// </summary>
    private static IEnumerable<QuotaEntry> FallbackWindows(AccountQuota q, List<HostCatalogue> catalogues, DateTimeOffset now)
    {
        if (q.SummaryAt is not null)
        {
            yield break;
        }

        foreach (var family in QuotaWindowNames.Families)
        {
            var models = catalogues.SelectMany(c => c.Models)
                .Where(m => m.QuotaFraction is not null && FamilyOf(m.Id) == family)
                .ToList();
            if (models.Count > 0)
            {
                yield return new QuotaEntry(QuotaWindowNames.BucketId(family, QuotaWindowNames.FiveHour), models.Min(m => m.QuotaFraction!.Value),
                    models.Select(m => m.QuotaReset).Min(), now, Stale: true);
            }
        }
    }

    private static string? FamilyOf(string modelId) =>
        modelId.StartsWith("claude", StringComparison.OrdinalIgnoreCase) || modelId.StartsWith("gpt", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.ThirdParty
        : modelId.StartsWith("gemini", StringComparison.OrdinalIgnoreCase) && !modelId.Contains("image", StringComparison.OrdinalIgnoreCase) ? QuotaWindowNames.Gemini
        : null;

    /// <summary>
    /// Records the problems, stores the account's state, and returns <paramref name="error"/>. Problems are logged once per
    /// source (the summary, one host's catalogue, loadCodeAssist…) until a reading without a problem from that source, so
    /// an upstream that keeps answering badly, in words that change from one reading to the next, is not logged on every
    /// refresh.
    /// </summary>
    private async Task<string?> FinishAsync(Account account, List<string> problems, string? error)
    {
        var now = time.GetUtcNow();
        var state = Update(account.Id, q => q with { Problems = problems, UpdatedAt = now });
        foreach (var source in problems.GroupBy(SourceOf, StringComparer.Ordinal))
        {
            LogProblem(account.Id, account.Email, string.Join("; ", source), source.Key);
        }

        ForgetProblems(account.Id, [.. problems.Select(SourceOf)]);
        await PersistAsync(account.Id, state);
        return error;
    }

    /// <summary>What a problem is about: its text before the first colon (<c>quota summary</c>, <c>catalogue on daily</c>).</summary>
    private static string SourceOf(string problem) =>
        problem.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0 ? problem[..colon] : problem;

    private async Task PersistAsync(string accountId, AccountQuota state)
    {
        try
        {
            await store.SaveQuotaAsync(accountId, state.Entries, CancellationToken.None);
            await store.SaveUpstreamStateAsync(accountId, JsonSerializer.Serialize(state, QuotaJsonContext.Default.AccountQuota), CancellationToken.None);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogProblem(accountId, accountId, "the quota reading could not be stored: " + ex.Message);
        }
    }
}
