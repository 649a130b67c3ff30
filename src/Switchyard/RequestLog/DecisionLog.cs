using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.RequestLog;

/// <summary>
/// The scheduler's reasoning kept for one request (issue 19), stored as JSON in the request log's <c>trace</c> column and
/// shown by <c>GET /admin/api/requests/{id}</c> and the dashboard's request detail. Attempts, waits, pool and credits
/// stay in their own columns beside it. Built to take richer items: an item is a text today, and
/// <see cref="DecisionItem"/> has optional fields (account, verdict, score) a structured scheduler trace fills later;
/// readers must ignore fields they do not know.
/// </summary>
/// <param name="Picks">Every scheduler pick of the request, in order (a wait, a rotation or a pool switch adds one).</param>
/// <param name="Background">Why the request was taken for background work and sent to the cheaper model; null when not.</param>
/// <param name="BackgroundFrom">The model the client asked for, when <paramref name="Background"/> is set.</param>
/// <param name="CacheMove">A session binding moved to another account: the prompt cache it is expected to lose.</param>
internal sealed record DecisionLog(
    IReadOnlyList<DecisionPick> Picks,
    string? Background = null,
    string? BackgroundFrom = null,
    CacheMoveRecord? CacheMove = null)
{
    /// <summary>Picks kept per request (the first ones).</summary>
    public const int MaxPicks = 20;

    /// <summary>Items kept per pick.</summary>
    public const int MaxItems = 64;
}

/// <summary>One scheduler pick: the pool, what it decided, the account and the reason, and each step of its reasoning.</summary>
/// <param name="Outcome">Selected, Wait or Unavailable.</param>
/// <param name="DelayMs">The wait (Wait) or Retry-After (Unavailable) it named, in milliseconds.</param>
/// <param name="Details">
/// The scheduler's structured reasoning for the pick (every candidate with its status, skip reason, cooldown, pressure
/// and score parts; the session binding, offset, tier, reuse window, wait, pool and credits), as the scheduler wrote it:
/// its shape is documented in docs/scheduling.md ("The decision trace"). Null for records written before it existed.
/// </param>
internal sealed record DecisionPick(
    string Pool,
    string Outcome,
    string? AccountId,
    string? AccountEmail,
    string Reason,
    double? DelayMs,
    bool Credits,
    IReadOnlyList<DecisionItem> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Details = null);

/// <summary>One step of the scheduler's reasoning. <see cref="Text"/> is always there; the rest is optional.</summary>
/// <param name="Account">The account the step is about, when known.</param>
/// <param name="Verdict">e.g. skipped, chosen, waiting.</param>
/// <param name="Score">A score the strategy gave the account.</param>
internal sealed record DecisionItem(
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Account = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Verdict = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Score = null);

/// <summary>A binding moved from one account to another: the cached prompt tokens the old account held, expected lost.</summary>
internal sealed record CacheMoveRecord(string FromAccountId, string ToAccountId, int ExpectedLostTokens, string Reason);
