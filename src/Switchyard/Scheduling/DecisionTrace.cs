namespace Switchyard.Scheduling;

/// <summary>
/// The scheduler's reasoning for one pick, as data (the request log stores it; <see cref="SchedulingDecision.TraceHeader"/>
/// stays the short text form). Serialize with <see cref="SchedulingJsonContext"/> (<see cref="DecisionTraceJson.ToJson"/>).
/// </summary>
/// <param name="Strategy">The strategy in force (<see cref="SelectionPolicies"/>).</param>
/// <param name="Mode">The manager's mode when one is set, else null.</param>
/// <param name="Outcome">selected, wait or unavailable.</param>
/// <param name="Reason">What decided: fixed account, session binding, reuse window, a strategy name, or why none.</param>
/// <param name="Pool">The pool picked in; <paramref name="FallbackFrom"/> names the request's pool when it fell back.</param>
/// <param name="AccountId">The account picked (or waited for); null when unavailable.</param>
/// <param name="Credits">The pick serves on Google One AI credits; <paramref name="CreditsLastResort"/> when only credits were left.</param>
/// <param name="Session">The session key hash, the account it was bound to, and what became of the binding.</param>
/// <param name="NewSession">The request starts a conversation (a session key without a binding).</param>
/// <param name="Offset">The parallel-session offset used, when the pick spread (strategy, setting or the client's header).</param>
/// <param name="OffsetSource">setting, header, or null when no spreading was asked for.</param>
/// <param name="Tier">The tier the pick was made in (tier-first strategies), or null for all tiers.</param>
/// <param name="ReuseWindowSeconds">The reuse window in force (0: off).</param>
/// <param name="WaitSeconds">How long the request waits before using the account (outcome wait).</param>
/// <param name="AlreadyWaitedSeconds">What the request had waited before this pick.</param>
/// <param name="Candidates">Every enabled account in tie-break order: eligible, skipped (and why), scores.</param>
/// <param name="Notes">Other steps, in order (fixed account not usable, fallback pool, pacing…).</param>
internal sealed record DecisionTrace(
    string Strategy,
    string? Mode,
    string Outcome,
    string Reason,
    string Pool,
    string? FallbackFrom,
    string? AccountId,
    bool Credits,
    bool CreditsLastResort,
    SessionTrace? Session,
    bool NewSession,
    int? Offset,
    string? OffsetSource,
    string? Tier,
    int ReuseWindowSeconds,
    double? WaitSeconds,
    double AlreadyWaitedSeconds,
    IReadOnlyList<CandidateTrace> Candidates,
    IReadOnlyList<string> Notes);

/// <summary>The session's part in a pick.</summary>
/// <param name="Key">The session key hash (<c>sid-…</c>), never the client's value.</param>
/// <param name="BoundTo">The account the session was bound to before this pick, or null.</param>
/// <param name="Binding">
/// none (binding off or no key), new (no binding yet), kept (the bound account serves), forced-rotation (the request
/// rotates away), waiting (the bound account is waited for), rebound (the bound account is not usable).
/// </param>
internal sealed record SessionTrace(string Key, string? BoundTo, string Binding);

/// <summary>One account as the scheduler saw it for this pick.</summary>
/// <param name="Status">eligible, picked, skipped, last-resort (credits only when nothing else is free), ahead-of-pace.</param>
/// <param name="Skip">
/// Why it was left out: tried, not-served, no-gemini-cli, protected, cooling, window-empty, lower-tier, pacing-reserve,
/// filtered (by the strategy: health or tokens); null when it was not.
/// </param>
/// <param name="Detail">The skip or the standing in words (the cooling kind and time left, the empty window…).</param>
/// <param name="Score">The strategy's score and its parts, when the strategy scores.</param>
internal sealed record CandidateTrace(
    string AccountId,
    string Tier,
    double? RemainingFraction,
    string Status,
    string? Skip,
    string? Detail,
    double? CooldownSeconds,
    double? Pressure,
    ScoreTrace? Score);

/// <summary>A score and its parts: hybrid's health, token bucket and freshness points, and reset-aware's pressure points.</summary>
/// <param name="Pressure">Remaining fraction ÷ hours to reset, the tighter window (<see cref="ResetPressure"/>).</param>
internal sealed record ScoreTrace(double Total, double Health, double Tokens, double Freshness, double Pressure, double PressurePoints, bool Current);
