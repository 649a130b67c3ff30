using System.Globalization;
using Switchyard.RateLimits;

namespace Switchyard.Scheduling;

internal sealed partial class AccountScheduler
{
    /// <summary>
    /// The accounts usable now in <paramref name="pool"/>, and those kept out only by an empty quota window whose credits
    /// may serve as the last resort. Skipped, with the reason in the trace: tried, not serving the model, without the
    /// gemini-cli pool, below quota protection, cooling for the group (or account-wide), an empty window of the model's
    /// family (unless the account always spends credits).
    /// </summary>
    private (List<SchedulingCandidate> Eligible, List<SchedulingCandidate> LastResort) Eligible(
        List<SchedulingCandidate> ordered, SchedulingRequest request, string pool, IReadOnlySet<string> tried, DecisionTraceBuilder? trace)
    {
        var eligible = new List<SchedulingCandidate>(ordered.Count);
        var lastResort = new List<SchedulingCandidate>();
        foreach (var c in ordered)
        {
            trace?.Reset(c.AccountId);
            if (tried.Contains(c.AccountId))
            {
                trace?.Skip(c.AccountId, "tried", "tried");
            }
            else if (pool == QuotaPools.Antigravity && !c.ServesModel)
            {
                trace?.Skip(c.AccountId, "not-served", "its catalogue does not serve the model");
            }
            else if (pool == QuotaPools.GeminiCli && (request.FallbackPool == pool ? c.GeminiCli != true : c.GeminiCli == false))
            {
                trace?.Skip(c.AccountId, "no-gemini-cli", c.GeminiCli is null ? "gemini-cli pool not confirmed" : "no gemini-cli pool");
            }
            else if (c.ProtectionReached)
            {
                trace?.Skip(c.AccountId, "protected", "quota protection");
            }
            else if (request.Background && c.Pace == PaceState.Reserve)
            {
                trace?.Skip(c.AccountId, "pacing-reserve", "down to the weekly reserve kept for interactive sessions");
            }
            else if (_cooldowns.Status(new RateLimitKey(c.AccountId, request.Group, pool)) is { Remaining: var r, Kind: var k } && r > TimeSpan.Zero)
            {
                trace?.Skip(c.AccountId, "cooling", $"cooling {Seconds(r)} in {pool} ({k})", r);
            }
            else if (EmptyWindow(c.AccountId, request, pool) is { } window)
            {
                switch (c.Credits)
                {
                    case CreditUse.Always:
                        trace?.Mark(c.AccountId, "eligible", $"{window.Key} empty for {Seconds(window.Remaining)}; serves on credits");
                        eligible.Add(c);
                        break;
                    case CreditUse.LastResort:
                        trace?.Mark(c.AccountId, "last-resort", $"{window.Key} empty for {Seconds(window.Remaining)}; credits as the last resort");
                        lastResort.Add(c);
                        break;
                    default:
                        trace?.Skip(c.AccountId, "window-empty", $"{window.Key} empty for {Seconds(window.Remaining)}", window.Remaining);
                        break;
                }
            }
            else
            {
                eligible.Add(c);
            }
        }

        return (eligible, lastResort);
    }

    /// <summary>
    /// Every account serving the model is held back in <paramref name="pool"/> by quota (below its protection threshold, an
    /// empty quota reading, cooling for exhausted quota, or an empty window of the model's family): the only reason to use
    /// the fallback pool. Capacity, rate limits, request-scoped 429s and errors are not.
    /// </summary>
    private bool QuotaHoldsBackEvery(List<SchedulingCandidate> ordered, SchedulingRequest request, string pool)
    {
        var serving = ordered.Where(c => pool != QuotaPools.Antigravity || c.ServesModel).ToList();
        return serving.Count > 0 && serving.TrueForAll(c => c.ProtectionReached || c.RemainingFraction is <= 0
            || _cooldowns.Status(new RateLimitKey(c.AccountId, request.Group, pool)) is { Kind: UpstreamFailureKind.QuotaExhausted, Remaining: var r } && r > TimeSpan.Zero
            || EmptyWindow(c.AccountId, request, pool) is not null);
    }

    /// <summary>The first of the request's quota windows that is empty (cooling) for the account, in the antigravity pool.</summary>
    private (string Key, TimeSpan Remaining)? EmptyWindow(string accountId, SchedulingRequest request, string pool)
    {
        if (pool != QuotaPools.Antigravity || request.WindowKeys is not { Count: > 0 } keys)
        {
            return null;
        }

        foreach (var key in keys)
        {
            var remaining = _cooldowns.Remaining(new RateLimitKey(accountId, key, pool));
            if (remaining > TimeSpan.Zero)
            {
                return (key, remaining);
            }
        }

        return null;
    }

    /// <summary>The longest limit on the account for the request in <paramref name="pool"/>: its group, its windows, account-wide.</summary>
    private (TimeSpan Remaining, UpstreamFailureKind? Kind) Limit(string accountId, SchedulingRequest request, string pool)
    {
        var best = _cooldowns.Status(new RateLimitKey(accountId, request.Group, pool));
        if (pool == QuotaPools.Antigravity)
        {
            foreach (var key in request.WindowKeys ?? [])
            {
                var status = _cooldowns.Status(new RateLimitKey(accountId, key, pool));
                if (status.Remaining > best.Remaining)
                {
                    best = status;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// No account is usable: wait for the soonest time-limited one if it frees within the budget, else unavailable with
    /// that delay as Retry-After; when none is time-limited, the soonest cooldown of any kind still gives the Retry-After.
    /// </summary>
    private SchedulingDecision AllLimited(List<SchedulingCandidate> ordered, SchedulingRequest request, SchedulingOptions options, IReadOnlySet<string> tried, DecisionTraceBuilder trace)
    {
        // Tried accounts count here: one that hit a rate limit is usable again once its cooldown ends.
        (SchedulingCandidate Account, TimeSpan Remaining, string Pool)? soonest = null;
        TimeSpan? anyLimit = null;
        var withFallback = request.FallbackPool is { } fb && fb != request.Pool && QuotaHoldsBackEvery(ordered, request, request.Pool);
        foreach (var pool in withFallback ? [request.Pool, request.FallbackPool!] : new[] { request.Pool })
        {
            foreach (var c in ordered.Where(c => !c.ProtectionReached && (pool == QuotaPools.Antigravity ? c.ServesModel : pool == request.Pool ? c.GeminiCli != false : c.GeminiCli == true)))
            {
                var status = Limit(c.AccountId, request, pool);
                if (status.Remaining <= TimeSpan.Zero && pool == request.Pool && !tried.Contains(c.AccountId))
                {
                    // Left out a moment ago for a limit that has ended since (the clock moved, or a request that
                    // started later succeeded on it): usable, so pick again now rather than give up.
                    trace.Add($"{c.AccountId} stopped cooling meanwhile: picking again");
                    return Decide(SchedulingOutcome.Wait, c, pool, "an account stopped cooling meanwhile", TimeSpan.Zero, trace);
                }

                if (status.Remaining <= TimeSpan.Zero)
                {
                    continue;
                }

                anyLimit = anyLimit is { } a && a <= status.Remaining ? a : status.Remaining;
                if (status.Kind is { } kind && IsTimeLimited(kind) && (soonest is null || status.Remaining < soonest.Value.Remaining))
                {
                    soonest = (c, status.Remaining, pool);
                }
            }
        }

        if (soonest is { } s)
        {
            if (WithinWaitBudget(s.Remaining, request, options))
            {
                trace.Add($"all accounts limited; {s.Account.AccountId} frees in {Seconds(s.Remaining)}: waiting");
                return Decide(SchedulingOutcome.Wait, s.Account, s.Pool, "all accounts limited: wait", s.Remaining, trace);
            }

            return Unavailable(request.Pool, $"all accounts limited; the soonest frees in {Seconds(s.Remaining)}, beyond MaxWaitSeconds={options.MaxWaitSeconds.ToString(CultureInfo.InvariantCulture)}", s.Remaining, trace);
        }

        var reason = ordered.All(c => c.ProtectionReached)
            ? "every account is below its quota-protection threshold"
            : request.Pool == QuotaPools.GeminiCli && ordered.All(c => c.GeminiCli == false)
                ? "no account keeps the gemini-cli pool (its loadCodeAssist shows none)"
                : request.Pool == QuotaPools.Antigravity && ordered.All(c => !c.ServesModel)
                    ? "no account's catalogue serves the model"
                    : "every usable account was tried or is cooling after failures";
        return Unavailable(request.Pool, reason, anyLimit, trace);
    }
}
