namespace Switchyard.Scheduling;

internal enum SchedulingOutcome
{
    /// <summary>Use <see cref="SchedulingDecision.Account"/> now.</summary>
    Selected,

    /// <summary>Wait <see cref="SchedulingDecision.Delay"/>, then use <see cref="SchedulingDecision.Account"/> (it will be free).</summary>
    Wait,

    /// <summary>No account: answer 429 with Retry-After = <see cref="SchedulingDecision.Delay"/> (or a default when null).</summary>
    Unavailable,
}

/// <summary>The scheduler's answer, with the reason and a trace for the decision header and request log.</summary>
/// <param name="Pool">The pool to use (differs from the request's when it fell back).</param>
/// <param name="UseCredits">Send the credits opt-in: the account serves on credits (always, or as the last resort).</param>
internal sealed record SchedulingDecision(
    SchedulingOutcome Outcome,
    SchedulingCandidate? Account,
    string Pool,
    string Reason,
    TimeSpan? Delay,
    IReadOnlyList<string> Trace,
    bool UseCredits = false)
{
    /// <summary>
    /// The reasoning as data: candidates, why each was skipped, scores and their parts, binding, reuse window, offset,
    /// tier, pool, credits, wait. The request log stores it (<see cref="DecisionTraceJson.ToJson"/>); headers stay compact.
    /// </summary>
    public DecisionTrace? Details { get; init; }

    /// <summary>The trace lines as one string (tests and logs; the response header is the dispatcher's compact form).</summary>
    public string TraceHeader => string.Join("; ", Trace);
}
