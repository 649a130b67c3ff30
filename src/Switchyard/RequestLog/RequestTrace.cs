namespace Switchyard.RequestLog;

/// <summary>
/// What happened to one client request, filled in by the front door as the request goes (client key, session,
/// models, every upstream attempt, repairs, tokens, first byte) and handed to <see cref="IRequestSink"/> once
/// the response has ended, whatever way it ended. Not thread-safe: one request's pipeline writes it.
/// </summary>
internal sealed class RequestTrace
{
    public const string ItemKey = "switchyard.trace";

    /// <summary>Unique id, also sent to the client as <c>X-Request-Id</c>.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at the start, for latency and first byte.</summary>
    public required long StartTimestamp { get; init; }

    /// <summary>anthropic, openai or gemini.</summary>
    public required string Protocol { get; init; }

    /// <summary>The request path, e.g. <c>/v1/messages</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The name of the client API key that was accepted; null when no keys are configured.</summary>
    public string? ClientKeyName { get; set; }

    /// <summary>A hash of the session key (never the key itself).</summary>
    public string? SessionKeyHash { get; set; }

    /// <summary>Where the session key came from (metadata, header, hash of the first message, …).</summary>
    public string? SessionSource { get; set; }

    public string? RequestedModel { get; set; }

    public string? MappedModel { get; set; }

    public bool Stream { get; set; }

    /// <summary>The account that served the request (the last attempt's).</summary>
    public string? AccountId { get; set; }

    public string? AccountEmail { get; set; }

    /// <summary>The compact decision (strategy, reason, attempts) also sent as a response header.</summary>
    public string? Decision { get; set; }

    public List<AttemptRecord> Attempts { get; } = [];

    /// <summary>Every scheduler pick with its reasoning (<see cref="DecisionLog"/>).</summary>
    public List<DecisionPick> Picks { get; } = [];

    /// <summary>Why the request was taken for background work (sent to <c>Background:Model</c>); null when not.</summary>
    public string? Background { get; set; }

    /// <summary>A session binding moved for this request, with the prompt cache it is expected to lose.</summary>
    public CacheMoveRecord? CacheMove { get; set; }

    public List<RepairRecord> Repairs { get; } = [];

    /// <summary>The status the client got (set when the response ends).</summary>
    public int Status { get; set; }

    /// <summary>The error the client got, or the failure that cut a stream; never a secret.</summary>
    public string? Error { get; set; }

    public TimeSpan? TimeToFirstByte { get; set; }

    public TimeSpan Latency { get; set; }

    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    public int? ThinkingTokens { get; set; }

    public int? CachedTokens { get; set; }

    /// <summary>Google One AI credits the answer spent (<c>consumedCredits</c>); null when none.</summary>
    public long? CreditsConsumed { get; set; }

    /// <summary>Total time the request spent waiting for a rate limit to pass.</summary>
    public TimeSpan Waited { get; set; }

    /// <summary>
    /// The client's request body as text, when the front door captured it. The request log keeps it only when
    /// <see cref="RequestLogOptions.CaptureBodies"/> is on, cut to <see cref="RequestLogOptions.MaxBodyBytes"/> and with
    /// secrets redacted (<see cref="BodyRedactor"/>).
    /// </summary>
    public string? RequestBody { get; set; }

    /// <summary>The trace of this request, or null outside a front door.</summary>
    public static RequestTrace? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var value) ? value as RequestTrace : null;
}

/// <summary>One upstream send made for a request.</summary>
/// <param name="Number">1-based.</param>
/// <param name="Pool">antigravity or gemini-cli.</param>
/// <param name="Host">The upstream host label that answered.</param>
/// <param name="Status">Upstream HTTP status; 0 when no host answered.</param>
/// <param name="Outcome">ok, or the failure kind (RateLimited, QuotaExhausted, CapacityExhausted, ServerError, …).</param>
/// <param name="Duration">Time from send to the status being known.</param>
/// <param name="Wait">Time waited after this attempt before the next one.</param>
/// <param name="Decision">What followed: the retry planner's reason, or "served".</param>
internal sealed record AttemptRecord(
    int Number,
    string AccountId,
    string AccountEmail,
    string Pool,
    string Host,
    int Status,
    string Outcome,
    TimeSpan Duration,
    TimeSpan Wait,
    string Decision);

/// <summary>A change made to the conversation so the upstream accepts it.</summary>
/// <param name="Kind">e.g. missing-tool-result, orphan-tool-result, invalid-signature, thinking-order, empty-stream.</param>
/// <param name="Detail">What changed, without prompt text.</param>
internal sealed record RepairRecord(string Kind, string Detail);
