using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Quota;
using Switchyard.RateLimits;
using Switchyard.RequestLog;
using Switchyard.Scheduling;
using Switchyard.Upstream;
using Switchyard.Upstream.Wire;
using SchedulingTier = Switchyard.Scheduling.AccountTier;

namespace Switchyard.Dispatch;

/// <summary>
/// Sends one client request upstream through the account pool: asks the <see cref="AccountScheduler"/> for an
/// account, sends to each host in the spec's order, classifies every failure and lets <see cref="RetryPlanner"/>
/// decide what follows (retry, wait, next host, refresh the token, rotate, switch pool, give up), records
/// cooldowns and health, and waits for a limit to pass when the scheduler says it will within MaxWaitSeconds.
/// Everything happens before the first byte reaches the client (the commit rule): it returns a 2xx response
/// whose body the caller streams, or writes the error in the client's envelope.
/// </summary>
internal sealed partial class UpstreamDispatcher(
    AccountRegistry registry,
    TokenManager tokens,
    QuotaService quota,
    AccountScheduler scheduler,
    CooldownTracker cooldowns,
    GenerateClient upstream,
    ThinkingMemory thinking,
    SessionRecovery recovery,
    IOptionsMonitor<SchedulingOptions> scheduling,
    IOptionsMonitor<RateLimitOptions> rateLimits,
    IRandomSource random,
    TimeProvider time,
    ILogger<UpstreamDispatcher> logger)
{
    /// <summary>The successful attempt, or the failure for the front door to answer in the client's protocol.</summary>
    public async Task<DispatchResult> SendAsync(
        HttpContext http,
        string method,
        ModelRoute route,
        Func<TranslationContext, UpstreamEnvelope> build,
        SessionKeyInputs? session)
    {
        var cancellationToken = http.RequestAborted;
        var trace = RequestTrace.Of(http);
        var sessionKey = session is null ? null : SessionKeys.Derive(session);
        if (trace is not null)
        {
            trace.SessionKeyHash = sessionKey?.Value;
            trace.SessionSource = sessionKey?.Source;
        }

        var options = scheduling.CurrentValue;
        var limits = rateLimits.CurrentValue;
        var effective = SchedulingModes.Resolve(options);
        var offset = ParseOffset(http);
        var pool = route.Pool == ModelPool.GeminiCli ? QuotaPools.GeminiCli : QuotaPools.Antigravity;
        var fallbackPool = pool == QuotaPools.Antigravity && GeminiCliModels.For(route) is not null ? QuotaPools.GeminiCli : null;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var forceRotate = false;
        var waited = TimeSpan.Zero;
        var sends = 0;
        UpstreamFailure? lastFailure = null;
        string? lastBody = null;
        SetHeader(http, DispatchHeaders.MappedModel, route.UpstreamModel);

        while (true)
        {
            var candidates = Candidates(route.Group);
            var request = new SchedulingRequest(sessionKey?.Value, route.Group, pool, tried, forceRotate, offset, waited, fallbackPool);
            var decision = scheduler.Pick(candidates, request);
            if (decision.Outcome == SchedulingOutcome.Wait && decision.Delay is { } pause)
            {
                LogWaiting(route.Group, decision.Pool, pause.TotalSeconds);
                await Task.Delay(pause, time, cancellationToken);
                waited += pause;

                // The limit has passed: an account left after it may be tried again.
                tried.Remove(decision.Account!.AccountId);
                if (trace is not null)
                {
                    trace.Waited = waited;
                }

                continue;
            }

            if (decision.Outcome != SchedulingOutcome.Selected || decision.Account is null)
            {
                SetDecision(http, trace, effective, decision.Reason, sends, pool);
                return DispatchResult.Failed(Unavailable(decision, lastFailure, lastBody, limits));
            }

            if (decision.Pool != pool)
            {
                pool = decision.Pool;
                fallbackPool = null;
            }

            var candidate = decision.Account;
            var account = registry.Current.Find(candidate.AccountId);
            var token = account is null ? default : await tokens.GetAccessTokenAsync(account.Id, cancellationToken);
            if (account is null || token.Token is null)
            {
                tried.Add(candidate.AccountId);
                trace?.Attempts.Add(new AttemptRecord(trace.Attempts.Count + 1, candidate.AccountId, candidate.Email, pool, "", 0,
                    "NoToken", TimeSpan.Zero, TimeSpan.Zero, token.Error ?? "account gone"));
                continue;
            }

            SetHeader(http, DispatchHeaders.AccountEmail, account.Email);
            if (trace is not null)
            {
                trace.AccountId = account.Id;
                trace.AccountEmail = account.Email;
            }

            var geminiCli = pool == QuotaPools.GeminiCli;
            var ctx = new TranslationContext(route, account.ProjectId ?? "", "agent-" + Guid.NewGuid().ToString("D"), thinking, SessionId: sessionKey?.Value);
            var body = Serialize(method, ForPool(build(ctx), route, geminiCli));
            var hosts = upstream.HostsFor(geminiCli);
            var key = new RateLimitKey(account.Id, route.Group, pool);
            var access = token.Token.Value;
            var state = new AttemptState(MaxAttempts: options.MaxAttempts, HostCount: hosts.Count, FallbackPool: fallbackPool);
            var rotate = false;
            var switchedPool = false;
            while (!rotate)
            {
                if (cooldowns.IsCooling(key))
                {
                    // A concurrent request put the account into a cooldown since it was picked: leave it unsent.
                    trace?.Attempts.Add(new AttemptRecord(trace.Attempts.Count + 1, account.Id, account.Email, pool, "", 0,
                        "Cooling", TimeSpan.Zero, TimeSpan.Zero, "cooling since it was picked: rotate"));
                    break;
                }

                sends++;
                var started = time.GetTimestamp();
                var host = hosts[state.HostIndex];
                var call = await upstream.SendAsync(method, body, access, host, geminiCli, cancellationToken);
                var duration = time.GetElapsedTime(started);
                if (call.IsSuccess)
                {
                    cooldowns.RecordSuccess(key);
                    scheduler.ReportSuccess(account.Id);
                    trace?.Attempts.Add(new AttemptRecord(trace.Attempts.Count + 1, account.Id, account.Email, pool, call.HostLabel, call.Status, "ok", duration, TimeSpan.Zero, "served"));
                    SetDecision(http, trace, effective, decision.Reason, sends, pool);
                    return DispatchResult.Served(new UpstreamAttempt(call, ctx, account, trace));
                }

                // Recovery (issue 6): a known 400 is repaired and sent once more, same account and host, before any byte is written.
                if (call.Status == StatusCodes.Status400BadRequest && method != GenerateClient.CountTokens
                    && recovery.RepairRejection(http, call.Status, call.ErrorBody) is { } repaired)
                {
                    body = Serialize(method, ForPool(repaired, route, geminiCli));
                    trace?.Attempts.Add(new AttemptRecord(sends, account.Id, account.Email, pool, call.HostLabel, call.Status, "Rejected", duration, TimeSpan.Zero, "repaired"));
                    continue;
                }

                var failure = call.Status == 0
                    ? UpstreamFailure.Network(call.ErrorBody ?? "no answer")
                    : UpstreamErrorClassifier.Classify(call.Status, call.Headers, call.ErrorBody, time.GetUtcNow());
                (lastFailure, lastBody) = (failure, call.ErrorBody);
                var others = new HashSet<string>(tried, StringComparer.Ordinal) { account.Id };
                state = state with
                {
                    Attempt = sends,
                    OtherAccountsAvailable = scheduler.HasAvailable(candidates, route.Group, pool, others),
                    SameAccountWaitBudget = effective.WaitOnBoundAccount ? Remaining(options, waited) : TimeSpan.Zero,
                };
                var next = RetryPlanner.Decide(failure, state, limits, random);
                if (next.Penalize)
                {
                    cooldowns.Record(key, failure);
                    scheduler.ReportFailure(account.Id, failure.Kind);
                }

                var wait = next switch
                {
                    RetryDecision.RetrySameAccount r => r.Delay,
                    RetryDecision.WaitThenRetry w => w.Delay,
                    _ => TimeSpan.Zero,
                };
                LogAttemptFailed(account.Id, call.HostLabel, call.Status, failure.Kind, next.Reason);
                trace?.Attempts.Add(new AttemptRecord(trace.Attempts.Count + 1, account.Id, account.Email, pool, call.HostLabel, call.Status, failure.Kind.ToString(), duration, wait, next.Reason));
                switch (next)
                {
                    case RetryDecision.RetrySameAccount:
                        state = state with { SameAccountRetries = state.SameAccountRetries + 1 };
                        break;
                    case RetryDecision.WaitThenRetry:
                        state = failure.Kind == UpstreamFailureKind.CapacityExhausted
                            ? state with { CapacityRetriesOnHost = state.CapacityRetriesOnHost + 1 }
                            : state with { SameAccountRetries = state.SameAccountRetries + 1 };
                        break;
                    case RetryDecision.NextHost:
                        state = state with { HostIndex = state.HostIndex + 1, CapacityRetriesOnHost = 0 };
                        break;
                    case RetryDecision.RefreshTokenThenRetry:
                        tokens.Invalidate(account.Id, access);
                        var fresh = await tokens.GetAccessTokenAsync(account.Id, cancellationToken);
                        if (fresh.Token is null)
                        {
                            rotate = true;
                            break;
                        }

                        access = fresh.Token.Value;
                        state = state with { TokenRefreshed = true };
                        break;
                    case RetryDecision.Rotate:
                        rotate = true;
                        break;
                    case RetryDecision.SwitchPool switchPool:
                        pool = switchPool.Pool;
                        fallbackPool = null;
                        tried.Clear();
                        forceRotate = false;
                        (rotate, switchedPool) = (true, true);
                        break;
                    case RetryDecision.GiveUp giveUp:
                        SetDecision(http, trace, effective, next.Reason, sends, pool);
                        return DispatchResult.Failed(GiveUp(giveUp, failure, call.ErrorBody));
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                    waited += wait;
                    if (trace is not null)
                    {
                        trace.Waited = waited;
                    }
                }
            }

            if (!switchedPool)
            {
                tried.Add(account.Id);
                forceRotate = true;
            }
        }
    }

    /// <summary>Every account as the scheduler sees it for <paramref name="group"/>: tier, quota and protection.</summary>
    private List<SchedulingCandidate> Candidates(string group)
    {
        var accounts = registry.Current.Accounts;
        var list = new List<SchedulingCandidate>(accounts.Count);
        foreach (var a in accounts)
        {
            double? remaining = null;
            foreach (var q in quota.Get(a.Id))
            {
                if (q.Group == group)
                {
                    remaining = q.RemainingFraction;
                    break;
                }
            }

            list.Add(new SchedulingCandidate(a.Id, a.Email, Tier(a.Tier), a.Enabled, remaining, a.Enabled && quota.IsProtected(a.Id, group)));
        }

        return list;
    }

    private static SchedulingTier Tier(Accounts.AccountTier tier) => tier switch
    {
        Accounts.AccountTier.Ultra => SchedulingTier.Ultra,
        Accounts.AccountTier.Pro => SchedulingTier.Pro,
        Accounts.AccountTier.Free => SchedulingTier.Free,
        _ => SchedulingTier.Unknown,
    };

    /// <summary>The envelope in the pool's style: gemini-cli requests carry its model id and no requestType/userAgent.</summary>
    private static UpstreamEnvelope ForPool(UpstreamEnvelope envelope, ModelRoute route, bool geminiCli)
    {
        if (!geminiCli)
        {
            return envelope;
        }

        var model = route.Pool == ModelPool.GeminiCli ? envelope.Model : GeminiCliModels.For(route) ?? envelope.Model;
        return envelope with { Model = model, RequestType = null, UserAgent = null };
    }

    private static byte[] Serialize(string method, UpstreamEnvelope envelope)
    {
        if (method != GenerateClient.CountTokens)
        {
            return JsonSerializer.SerializeToUtf8Bytes(envelope, UpstreamJsonContext.Default.UpstreamEnvelope);
        }

        var full = envelope.Request;
        var count = new CountTokensEnvelope { Request = new UpstreamRequest { Contents = full.Contents, SystemInstruction = full.SystemInstruction, Tools = full.Tools } };
        return JsonSerializer.SerializeToUtf8Bytes(count, UpstreamJsonContext.Default.CountTokensEnvelope);
    }

    private static TimeSpan Remaining(SchedulingOptions options, TimeSpan waited)
    {
        var left = TimeSpan.FromSeconds(options.MaxWaitSeconds) - waited;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static int? ParseOffset(HttpContext http) =>
        int.TryParse(http.Request.Headers[DispatchHeaders.SessionOffset].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;

    private static void SetDecision(HttpContext http, RequestTrace? trace, EffectiveScheduling effective, string reason, int sends, string pool)
    {
        var value = new StringBuilder(effective.Description)
            .Append("; reason=").Append(reason)
            .Append("; attempts=").Append(sends.ToString(CultureInfo.InvariantCulture))
            .Append("; pool=").Append(pool)
            .ToString();
        if (!http.Response.HasStarted)
        {
            http.Response.Headers[DispatchHeaders.Decision] = HeaderSafe(value);
        }

        if (trace is not null)
        {
            trace.Decision = value;
        }
    }

    /// <summary>A decision header, unless the response already started (a later trip of one response, e.g. a web search round).</summary>
    private static void SetHeader(HttpContext http, string name, string value)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.Headers[name] = value;
        }
    }

    /// <summary>Header values must be ASCII without control characters.</summary>
    private static string HeaderSafe(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] < 0x20 || chars[i] > 0x7e)
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Waiting {Seconds:0.#} s for a {Group} account in {Pool} to free up")]
    private partial void LogWaiting(string group, string pool, double seconds);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Account {AccountId} on {Host}: {UpstreamStatus} {Kind}; {Decision}")]
    private partial void LogAttemptFailed(string accountId, string host, int upstreamStatus, UpstreamFailureKind kind, string decision);
}
