using System.Globalization;
using System.Text.Json;
using Switchyard.Accounts;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Quota;
using Switchyard.RateLimits;
using Switchyard.RequestLog;
using Switchyard.Scheduling;
using Switchyard.Upstream.Wire;

namespace Switchyard.Dispatch;

/// <summary>Where one request's trip through the pool stands: pool, accounts tried, waits, the last failure. One request's.</summary>
internal sealed class DispatchTrip
{
    public DispatchTrip(HttpContext http, string method, ModelRoute route, Func<TranslationContext, UpstreamEnvelope> build, SessionKeyInputs? session)
    {
        Http = http;
        Method = method;
        Route = route;
        Build = build;
        Trace = RequestTrace.Of(http);
        SessionKey = session is null ? null : SessionKeys.Derive(session);
        Offset = int.TryParse(http.Request.Headers[DispatchHeaders.SessionOffset].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;
        Pool = route.Pool == ModelPool.GeminiCli ? QuotaPools.GeminiCli : QuotaPools.Antigravity;
        FallbackPool = Pool == QuotaPools.Antigravity && GeminiCliModels.For(route) is not null ? QuotaPools.GeminiCli : null;
        PrimaryPool = Pool;
        WindowKeys = QuotaKeys.For(route);
    }

    public HttpContext Http { get; }
    public string Method { get; }
    public ModelRoute Route { get; }
    public Func<TranslationContext, UpstreamEnvelope> Build { get; }
    public RequestTrace? Trace { get; }
    public SessionKey? SessionKey { get; }
    public int? Offset { get; }

    /// <summary>The model's quota windows (<c>3p-5h</c>, <c>3p-weekly</c>…); empty for images and the gemini-cli pool.</summary>
    public IReadOnlyList<string> WindowKeys { get; }

    public CancellationToken Aborted => Http.RequestAborted;
    public string Pool { get; set; }
    public string? FallbackPool { get; set; }
    public HashSet<string> Tried { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Accounts left unsent once because a concurrent request cooled them since the pick: not "tried" (the scheduler sees
    /// the cooldown and waits for it or picks another), but only once per account, so a scheduler and tracker that
    /// disagree cannot loop.
    /// </summary>
    public HashSet<string> CoolingSkips { get; } = new(StringComparer.Ordinal);

    /// <summary>The pool the request started in (the gemini-cli pool is only a fallback from it).</summary>
    public string PrimaryPool { get; }

    /// <summary>
    /// Set when the request moved to the fallback pool: what made it move. When the fallback cannot serve either, the
    /// client gets the first pool's answer, never the fallback's.
    /// </summary>
    public FallbackCause? Fallback { get; set; }
    public bool ForceRotate { get; set; }

    /// <summary>Background work (a title, a summary…): kept off accounts down to their interactive reserve (<c>Quota:Pacing</c>).</summary>
    public bool Background => Route.Background;
    public TimeSpan Waited { get; private set; }
    public int Sends { get; set; }
    public UpstreamFailure? LastFailure { get; set; }
    public string? LastBody { get; set; }

    /// <summary>Bare 429s and 5xx answers held back (maybe the request's own): recorded against their accounts only if another account serves.</summary>
    public List<(RateLimitKey Key, UpstreamFailure Failure)> HeldFailures { get; } = [];

    public void AddWait(TimeSpan wait)
    {
        Waited += wait;
        if (Trace is not null)
        {
            Trace.Waited = Waited;
        }
    }

    /// <summary>Picks whose structured reasoning is kept (one candidate per enabled account each); later picks keep the text lines.</summary>
    public const int DetailedPicks = 5;

    /// <summary>Keeps a scheduler pick and its reasoning for the request log (the header stays compact).</summary>
    public void RecordPick(SchedulingDecision decision)
    {
        if (Trace is null || Trace.Picks.Count >= DecisionLog.MaxPicks)
        {
            return;
        }

        Trace.Picks.Add(new DecisionPick(decision.Pool, decision.Outcome.ToString(), decision.Account?.AccountId, decision.Account?.Email,
            decision.Reason, decision.Delay?.TotalMilliseconds, decision.UseCredits, [.. decision.Trace.Select(t => new DecisionItem(t))],
            decision.Details is { } details && Trace.Picks.Count < DetailedPicks ? JsonSerializer.SerializeToElement(details, SchedulingJsonContext.Default.DecisionTrace) : null));
    }

    public void Record(Account account, string host, int status, string outcome, TimeSpan duration, TimeSpan wait, string decision) =>
        Trace?.Attempts.Add(new AttemptRecord(Trace.Attempts.Count + 1, account.Id, account.Email, Pool, host, status, outcome, duration, wait, decision));
}

/// <summary>What made a request move to the fallback pool: the first pool's last failure, if one was seen.</summary>
internal sealed record FallbackCause(UpstreamFailure? Failure, string? Body);
