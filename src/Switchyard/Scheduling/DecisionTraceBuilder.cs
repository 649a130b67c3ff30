using System.Globalization;

namespace Switchyard.Scheduling;

/// <summary>
/// Collects one pick's reasoning twice: as short lines (capped, so a large pool cannot grow a header without bound) and
/// as a <see cref="DecisionTrace"/> (every candidate with its status, skip reason and scores). Not thread-safe: one pick.
/// </summary>
internal sealed class DecisionTraceBuilder
{
    private const int MaxLines = 24;

    private readonly List<string> _lines = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _order = [];
    private readonly Dictionary<string, CandidateTrace> _candidates = new(StringComparer.Ordinal);

    public DecisionTraceBuilder(EffectiveScheduling effective)
    {
        Effective = effective;
        Add(effective.Description);
    }

    public EffectiveScheduling Effective { get; }

    public IReadOnlyList<string> Lines => _lines;

    public string? FallbackFrom { get; set; }

    public SessionTrace? Session { get; set; }

    public bool NewSession { get; set; }

    public int? Offset { get; set; }

    public string? OffsetSource { get; set; }

    public string? Tier { get; set; }

    public double AlreadyWaitedSeconds { get; set; }

    /// <summary>A line of the short trace.</summary>
    public void Add(string line)
    {
        if (_lines.Count < MaxLines)
        {
            _lines.Add(line);
        }
        else if (_lines.Count == MaxLines)
        {
            _lines.Add("…");
        }
    }

    /// <summary>A step worth keeping in the structured trace too.</summary>
    public void Note(string line)
    {
        _notes.Add(line);
        Add(line);
    }

    /// <summary>Every enabled account, in tie-break order, as eligible until a check says otherwise.</summary>
    public void Candidates(IEnumerable<SchedulingCandidate> ordered, DateTimeOffset now, double minHoursToReset)
    {
        foreach (var c in ordered)
        {
            if (_candidates.TryAdd(c.AccountId, new CandidateTrace(c.AccountId, TierName(c.Tier), c.RemainingFraction, "eligible", null, null, null,
                ResetPressure.Of(c.Windows, now, minHoursToReset), null)))
            {
                _order.Add(c.AccountId);
            }
        }
    }

    /// <summary>The account is left out; the line reads <c>skip id: detail</c>.</summary>
    public void Skip(string accountId, string code, string detail, TimeSpan? cooling = null)
    {
        Set(accountId, c => c with { Status = "skipped", Skip = code, Detail = detail, CooldownSeconds = cooling?.TotalSeconds });
        Add($"skip {accountId}: {detail}");
    }

    /// <summary>The account stays in with a standing other than plain eligible (credits, pacing, picked).</summary>
    public void Mark(string accountId, string status, string? detail = null, string? code = null)
    {
        Set(accountId, c => c with { Status = status, Detail = detail ?? c.Detail, Skip = code });
        if (detail is not null)
        {
            Add($"{accountId}: {detail}");
        }
    }

    /// <summary>Eligible again (the fallback pool's checks replace the first pool's).</summary>
    public void Reset(string accountId) =>
        Set(accountId, c => c with { Status = "eligible", Skip = null, Detail = null, CooldownSeconds = null });

    public void Scores(IReadOnlyDictionary<string, ScoreTrace> scores)
    {
        foreach (var (id, score) in scores)
        {
            Set(id, c => c with { Score = score });
        }
    }

    public DecisionTrace Build(SchedulingOutcome outcome, string reason, string pool, string? accountId, bool credits, bool lastResort, TimeSpan? wait) =>
        new(
            Effective.Strategy,
            Effective.Mode,
            outcome switch
            {
                SchedulingOutcome.Selected => "selected",
                SchedulingOutcome.Wait => "wait",
                _ => "unavailable",
            },
            reason,
            pool,
            FallbackFrom,
            accountId,
            credits,
            lastResort,
            Session,
            NewSession,
            Offset,
            OffsetSource,
            Tier,
            (int)Effective.ReuseWindow.TotalSeconds,
            wait?.TotalSeconds,
            AlreadyWaitedSeconds,
            [.. _order.Select(id => _candidates[id])],
            [.. _notes]);

    /// <summary>The outcome line, kept even when the cap was reached.</summary>
    public void AddFinal(string line) => _lines.Add(line);

    public static string TierName(AccountTier tier) => tier.ToString().ToUpperInvariant();

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";

    private void Set(string accountId, Func<CandidateTrace, CandidateTrace> change)
    {
        if (_candidates.TryGetValue(accountId, out var c))
        {
            _candidates[accountId] = change(c);
        }
    }
}
