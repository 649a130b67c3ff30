using System.Globalization;
using System.Text;
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

namespace Switchyard.Dispatch;

/// <summary>
/// Sends one client request upstream through the account pool: asks the <see cref="AccountScheduler"/> for an
/// account (never one whose catalogue lacks the model, or whose quota window for the model's family is empty unless it
/// serves on credits), sends to each host in order, classifies every failure and attributes it to the request, the
/// model, the family window or the account before anything is cooled, lets <see cref="RetryPlanner"/> decide what
/// follows, and waits for a limit to pass when the scheduler says it will within MaxWaitSeconds. A 200 notice in place
/// of an answer (the version floor, a retired id) is caught before the first byte. Everything happens before the first
/// byte reaches the client (the commit rule): it returns a 2xx response whose body the caller streams, or the failure.
/// </summary>
internal sealed partial class UpstreamDispatcher(
    AccountRegistry registry,
    TokenManager tokens,
    QuotaService quota,
    QuotaPacing pacing,
    AccountChecks checks,
    AccountScheduler scheduler,
    CooldownTracker cooldowns,
    GenerateClient upstream,
    ClientVersionMonitor versions,
    ThinkingMemory thinking,
    SessionRecovery recovery,
    PromptCacheLedger cache,
    IOptionsMonitor<SchedulingOptions> scheduling,
    IOptionsMonitor<RateLimitOptions> rateLimits,
    IOptionsMonitor<CreditsOptions> credits,
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
        var trip = new DispatchTrip(http, method, route, build, session);
        if (trip.Trace is not null)
        {
            trip.Trace.SessionKeyHash = trip.SessionKey?.Value;
            trip.Trace.SessionSource = trip.SessionKey?.Source;
        }

        Mapped(trip, route.UpstreamModel);
        while (true)
        {
            var candidates = Candidates(route);
            if (NoAccountServes(candidates, trip) is { } notServed)
            {
                SetDecision(trip, "no account serves the model");
                return DispatchResult.Failed(notServed);
            }

            var request = new SchedulingRequest(trip.SessionKey?.Value, route.Group, trip.Pool, trip.Tried, trip.ForceRotate, trip.Offset,
                trip.Waited, trip.FallbackPool, trip.Pool == QuotaPools.Antigravity ? trip.WindowKeys : null, trip.Background);
            var decision = scheduler.Pick(candidates, request);
            trip.RecordPick(decision);
            NoteCacheMove(trip, decision);
            if (decision.Outcome == SchedulingOutcome.Wait && decision.Delay is { } pause)
            {
                LogWaiting(route.Group, decision.Pool, pause.TotalSeconds);
                await Task.Delay(pause, time, trip.Aborted);
                trip.AddWait(pause);

                // The limit has passed: an account left after it may be tried again.
                trip.Tried.Remove(decision.Account!.AccountId);
                continue;
            }

            if (decision.Outcome != SchedulingOutcome.Selected || decision.Account is null)
            {
                SetDecision(trip, decision.Reason);
                KeepBindingAfterBare(trip);
                return DispatchResult.Failed(trip.Fallback is { } cause
                    ? Original(cause, trip, candidates, rateLimits.CurrentValue)
                    : Unavailable(decision, trip.LastFailure, trip.LastBody, rateLimits.CurrentValue, candidates, trip));
            }

            if (decision.Pool != trip.Pool)
            {
                trip.Fallback ??= new FallbackCause(trip.LastFailure, trip.LastBody);
                trip.Pool = decision.Pool;
                trip.FallbackPool = null;
            }

            var candidate = decision.Account;
            var account = registry.Current.Find(candidate.AccountId);
            var token = account is null ? default : await tokens.GetAccessTokenAsync(account.Id, trip.Aborted);
            if (account is not null && token.Failure == TokenFailureKind.NotConfigured)
            {
                // The gateway itself cannot sign in (no or a wrong OAuth client): no account can serve; say so, not 503.
                SetDecision(trip, decision.Reason);
                return DispatchResult.Failed(DispatchFailure.Own(500, token.Error ?? "The OAuth client is not configured."));
            }

            if (account is null || token.Token is null)
            {
                trip.Tried.Add(decision.Account.AccountId);
                trip.Trace?.Attempts.Add(new AttemptRecord(trip.Trace.Attempts.Count + 1, decision.Account.AccountId, decision.Account.Email, trip.Pool, "", 0,
                    "NoToken", TimeSpan.Zero, TimeSpan.Zero, token.Error ?? "account gone"));
                continue;
            }

            var outcome = await TryAccountAsync(trip, account, token.Token.Value, decision, candidates);
            if (outcome is { } done)
            {
                return done;
            }
        }
    }

    /// <summary>Every send to one account (hosts, retries, a repair, a retired id's successor); null when the request moves on.</summary>
    private async Task<DispatchResult?> TryAccountAsync(DispatchTrip trip, Account account, string access, SchedulingDecision decision, List<SchedulingCandidate> candidates)
    {
        var http = trip.Http;
        if (!http.Response.HasStarted)
        {
            // A later trip of a response already started (a web search round) keeps the headers it sent.
            http.Response.Headers[DispatchHeaders.AccountEmail] = account.Email;
        }

        if (trip.Trace is not null)
        {
            trip.Trace.AccountId = account.Id;
            trip.Trace.AccountEmail = account.Email;
        }

        var options = scheduling.CurrentValue;
        var limits = rateLimits.CurrentValue;
        var geminiCli = trip.Pool == QuotaPools.GeminiCli;
        var ctx = new TranslationContext(trip.Route, account.ProjectId ?? "", "agent-" + Guid.NewGuid().ToString("D"), thinking, SessionId: trip.SessionKey?.Value);
        var envelope = Finish(trip.Build(ctx), trip.Route, account, decision.UseCredits, geminiCli);
        Mapped(trip, envelope.Model);
        var body = Serialize(trip.Method, envelope);
        var hosts = geminiCli ? upstream.HostsFor(true) : quota.Get(account.Id).HostsServing(envelope.Model, upstream.HostsFor(false));
        var key = new RateLimitKey(account.Id, trip.Route.Group, trip.Pool);
        var state = new AttemptState(MaxAttempts: options.MaxAttempts, HostCount: hosts.Count, FallbackPool: trip.FallbackPool);
        var retiredRetry = false;
        while (true)
        {
            if (cooldowns.IsCooling(key) || (!decision.UseCredits && !geminiCli && trip.WindowKeys.Any(w => cooldowns.IsCooling(new RateLimitKey(account.Id, w, trip.Pool)))))
            {
                // A concurrent request put the account into a cooldown since it was picked: leave it unsent.
                trip.Record(account, "", 0, "Cooling", TimeSpan.Zero, TimeSpan.Zero, "cooling since it was picked: rotate");
                if (trip.CoolingSkips.Add(account.Id))
                {
                    trip.ForceRotate = true;
                    return null;
                }

                return Leave(trip, account);
            }

            trip.Sends++;
            var started = time.GetTimestamp();
            var host = hosts[state.HostIndex];
            var call = await upstream.SendAsync(trip.Method, body, access, host, geminiCli, trip.Aborted);
            var duration = time.GetElapsedTime(started);
            if (call.IsSuccess)
            {
                var notice = trip.Method == GenerateClient.CountTokens
                    ? null
                    : await NoticeInspector.InspectAsync(call.Response!, trip.Method == GenerateClient.StreamGenerate, trip.Aborted);
                if (notice is null)
                {
                    return DispatchResult.Served(await ServedAsync(trip, account, decision, key, call, ctx, duration, started));
                }

                call.Dispose();
                if (notice.Kind == UpstreamNoticeKind.RetiredModel && !retiredRetry
                    && (quota.SuccessorOf(envelope.Model) ?? quota.SuccessorNamed(notice.Text)) is { } successor
                    && !string.Equals(successor, envelope.Model, StringComparison.OrdinalIgnoreCase))
                {
                    // A retired id answered 200 with "please switch to …": sent again as its successor, before the first byte.
                    trip.Record(account, call.HostLabel, call.Status, "RetiredModel", duration, TimeSpan.Zero, $"{envelope.Model} is retired: sent again as {successor}");
                    LogRetired(envelope.Model, successor);
                    envelope = envelope with { Model = successor };
                    Mapped(trip, successor);
                    body = Serialize(trip.Method, envelope);
                    retiredRetry = true;
                    continue;
                }

                if (notice.Kind == UpstreamNoticeKind.VersionFloor)
                {
                    var rejection = versions.Rejected(notice.Text, call.HostLabel);
                    if (state.HostIndex + 1 < hosts.Count)
                    {
                        trip.Record(account, call.HostLabel, call.Status, "VersionFloor", duration, TimeSpan.Zero, "version notice: next host");
                        state = state with { HostIndex = state.HostIndex + 1, CapacityRetriesOnHost = 0 };
                        continue;
                    }

                    trip.Record(account, call.HostLabel, call.Status, "VersionFloor", duration, TimeSpan.Zero, "version notice on every host");
                    SetDecision(trip, "the upstream refuses the client version");
                    return DispatchResult.Failed(DispatchFailure.Own(StatusCodes.Status502BadGateway, rejection.Advice));
                }

                trip.Record(account, call.HostLabel, call.Status, "RetiredModel", duration, TimeSpan.Zero, "retired id with no known successor");
                SetDecision(trip, "retired model");
                return DispatchResult.Failed(DispatchFailure.Own(StatusCodes.Status404NotFound,
                    $"The upstream retired the model '{envelope.Model}' and names no successor Switchyard knows: \"{notice.Text}\" Pick a current model (GET /v1/models)."));
            }

            // Recovery (issue 6): a known 400 is repaired and sent once more, same account and host, before any byte is written.
            if (call.Status == StatusCodes.Status400BadRequest && trip.Method != GenerateClient.CountTokens
                && recovery.RepairRejection(http, call.Status, call.ErrorBody) is { } repaired)
            {
                envelope = Finish(repaired, trip.Route, account, decision.UseCredits, geminiCli);
                body = Serialize(trip.Method, envelope);
                trip.Record(account, call.HostLabel, call.Status, "Rejected", duration, TimeSpan.Zero, "repaired");
                continue;
            }

            var failure = call.Status == 0
                ? UpstreamFailure.Network(call.ErrorBody ?? "no answer")
                : UpstreamErrorClassifier.Classify(call.Status, call.Headers, call.ErrorBody, time.GetUtcNow());
            (trip.LastFailure, trip.LastBody) = (failure, call.ErrorBody);
            var others = new HashSet<string>(trip.Tried, StringComparer.Ordinal) { account.Id };
            state = state with
            {
                Attempt = trip.Sends,
                OtherAccountsAvailable = scheduler.HasAvailable(candidates, trip.Route.Group, trip.Pool, others, trip.Pool == QuotaPools.Antigravity ? trip.WindowKeys : null),
                SameAccountWaitBudget = SchedulingModes.Resolve(options).WaitOnBoundAccount ? Remaining(options, trip.Waited) : TimeSpan.Zero,
                BareRateLimits = trip.HeldFailures.Count(h => h.Failure.IsBare),
                ServerErrors = trip.HeldFailures.Count(h => h.Failure.Kind == UpstreamFailureKind.ServerError),
            };
            var next = RetryPlanner.Decide(failure, state, limits, random);
            await AttributeAsync(trip, account, key, failure, next, envelope.Model);
            var wait = next switch
            {
                RetryDecision.RetrySameAccount r => r.Delay,
                RetryDecision.WaitThenRetry w => w.Delay,
                _ => TimeSpan.Zero,
            };
            LogAttemptFailed(account.Id, call.HostLabel, call.Status, failure.Kind, next.Reason);
            trip.Record(account, call.HostLabel, call.Status, failure.Kind.ToString(), duration, wait, next.Reason);
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
                    var fresh = await tokens.GetAccessTokenAsync(account.Id, trip.Aborted);
                    if (fresh.Token is null)
                    {
                        return Leave(trip, account);
                    }

                    access = fresh.Token.Value;
                    state = state with { TokenRefreshed = true };
                    break;
                case RetryDecision.Rotate:
                    return Leave(trip, account);
                case RetryDecision.SwitchPool switchPool:
                    trip.Fallback ??= new FallbackCause(failure, call.ErrorBody);
                    trip.Pool = switchPool.Pool;
                    trip.FallbackPool = null;
                    trip.Tried.Clear();
                    trip.ForceRotate = false;
                    return null;
                case RetryDecision.GiveUp giveUp:
                    SetDecision(trip, next.Reason);
                    KeepBindingAfterBare(trip);
                    return DispatchResult.Failed(trip.Fallback is { } cause
                        ? Original(cause, trip, candidates, limits)
                        : GiveUp(giveUp, failure, call.ErrorBody));
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, trip.Aborted);
                trip.AddWait(wait);
            }
        }
    }

    /// <summary>The account served: clears its limits (its windows too, unless on credits), settles held bare 429s, notes a verification done.</summary>
    private async Task<UpstreamAttempt> ServedAsync(DispatchTrip trip, Account account, SchedulingDecision decision, RateLimitKey key, GenerateCall call, TranslationContext ctx, TimeSpan duration, long sentAt)
    {
        versions.Accepted();
        cooldowns.RecordSuccess(key, sentAt);
        if (!decision.UseCredits && trip.Pool == QuotaPools.Antigravity)
        {
            foreach (var window in trip.WindowKeys)
            {
                cooldowns.RecordSuccess(new RateLimitKey(account.Id, window, trip.Pool), sentAt);
            }
        }

        scheduler.ReportSuccess(account.Id);

        // Another account served what got a bare 429 or a 5xx: those failures were the accounts' own after all.
        foreach (var (heldKey, failure) in trip.HeldFailures)
        {
            cooldowns.Record(heldKey, failure);
            scheduler.ReportFailure(heldKey.AccountId, failure.Kind);
        }

        if (account.VerificationUrl is not null)
        {
            await checks.VerifiedAsync(account.Id, CancellationToken.None);
        }

        trip.Record(account, call.HostLabel, call.Status, "ok", duration, TimeSpan.Zero, decision.UseCredits ? "served (credits opt-in)" : "served");
        SetDecision(trip, decision.Reason + (decision.UseCredits ? ", credits" : ""));
        return new UpstreamAttempt(call, ctx, account, trip.Trace) { CreditsRemaining = left => quota.ObserveCredits(account.Id, left) };
    }

    /// <summary>The account is left for this request: tried, and the next pick rotates.</summary>
    private static DispatchResult? Leave(DispatchTrip trip, Account account)
    {
        trip.Tried.Add(account.Id);
        trip.ForceRotate = true;
        return null;
    }

    /// <summary>
    /// The session's last request went to another account: the prompt cache it built there is expected lost (its prompt
    /// tokens), recorded once per request in the trace.
    /// </summary>
    private void NoteCacheMove(DispatchTrip trip, SchedulingDecision decision)
    {
        if (trip.Trace is { CacheMove: null } trace && decision.Outcome == SchedulingOutcome.Selected && decision.Account is { } chosen
            && trip.SessionKey?.Value is { } session && cache.LastOf(session) is { Account: { } previous } last && previous != chosen.AccountId)
        {
            trace.CacheMove = new CacheMoveRecord(previous, chosen.AccountId, last.LastPromptTokens, decision.Reason);
        }
    }

    private static void Mapped(DispatchTrip trip, string model)
    {
        if (!trip.Http.Response.HasStarted)
        {
            trip.Http.Response.Headers[DispatchHeaders.MappedModel] = model;
        }

        if (trip.Trace is not null)
        {
            trip.Trace.MappedModel = model;
        }
    }

    private static TimeSpan Remaining(SchedulingOptions options, TimeSpan waited)
    {
        var left = TimeSpan.FromSeconds(options.MaxWaitSeconds) - waited;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void SetDecision(DispatchTrip trip, string reason)
    {
        var value = new StringBuilder(SchedulingModes.Resolve(scheduling.CurrentValue).Description)
            .Append("; reason=").Append(reason)
            .Append("; attempts=").Append(trip.Sends.ToString(CultureInfo.InvariantCulture))
            .Append("; pool=").Append(trip.Pool)
            .ToString();
        if (!trip.Http.Response.HasStarted)
        {
            trip.Http.Response.Headers[DispatchHeaders.Decision] = HeaderSafe(value);
        }

        if (trip.Trace is not null)
        {
            trip.Trace.Decision = value;
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

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "The upstream retired {Model}; sent again as {Successor}")]
    private partial void LogRetired(string model, string successor);
}
