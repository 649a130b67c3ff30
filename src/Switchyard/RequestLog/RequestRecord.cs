using Switchyard.Foundation;

namespace Switchyard.RequestLog;

/// <summary>
/// An immutable copy of a finished <see cref="RequestTrace"/>, as the request log stores it and the admin API shows it.
/// Times are milliseconds.
/// </summary>
internal sealed record RequestRecord
{
    /// <summary>Upstream attempts kept per request (the first ones).</summary>
    public const int MaxAttempts = 50;

    /// <summary>Repairs kept per request.</summary>
    public const int MaxRepairs = 50;

    public required string Id { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string Protocol { get; init; }
    public required string Endpoint { get; init; }
    public string? ClientKey { get; init; }
    public string? SessionHash { get; init; }
    public string? SessionSource { get; init; }
    public string? RequestedModel { get; init; }
    public string? MappedModel { get; init; }
    public bool Stream { get; init; }
    public string? AccountId { get; init; }
    public string? AccountEmail { get; init; }
    public string? Decision { get; init; }
    public int Status { get; init; }
    public string? Error { get; init; }
    public double LatencyMs { get; init; }
    public double? TtfbMs { get; init; }
    public int? InputTokens { get; init; }
    public int? OutputTokens { get; init; }
    public int? ThinkingTokens { get; init; }
    public int? CachedTokens { get; init; }
    public long? CreditsConsumed { get; init; }
    public double WaitedMs { get; init; }
    public IReadOnlyList<AttemptView> Attempts { get; init; } = [];
    public IReadOnlyList<RepairView> Repairs { get; init; } = [];
    public string? RequestBody { get; init; }

    /// <summary>The scheduler's reasoning, background mapping and cache move; null for rows written before it was kept.</summary>
    public DecisionLog? Trace { get; init; }

    /// <summary>The account as people read it: the e-mail when known, else the id.</summary>
    public string? Account => AccountEmail ?? AccountId;

    /// <summary>The client got an error status, or the response was cut by one.</summary>
    public bool IsError => Status is < 200 or >= 400 || Error is not null;

    /// <summary>The client got a 429, or an upstream attempt did.</summary>
    public bool IsRateLimited => Status == 429 || Attempts.Any(a => a.Status == 429);

    /// <summary>The model for statistics and metrics: the mapped one when known, else the requested one.</summary>
    public string? Model => MappedModel ?? RequestedModel;

    /// <summary>
    /// The record of <paramref name="trace"/>. Every string a client or the upstream chose is cut to a
    /// <see cref="BoundedText"/> limit, so a stored row never grows with what was sent (the body has its own cap).
    /// </summary>
    public static RequestRecord From(RequestTrace trace, string? requestBody = null) => new()
    {
        Id = trace.Id,
        StartedAt = trace.StartedAt,
        Protocol = trace.Protocol,
        Endpoint = BoundedText.Clip(trace.Endpoint, BoundedText.Name),
        ClientKey = BoundedText.ClipOrNull(trace.ClientKeyName, BoundedText.Name),
        SessionHash = BoundedText.ClipOrNull(trace.SessionKeyHash, BoundedText.Name),
        SessionSource = BoundedText.ClipOrNull(trace.SessionSource, BoundedText.Name),
        RequestedModel = BoundedText.ClipOrNull(trace.RequestedModel, BoundedText.Model),
        MappedModel = BoundedText.ClipOrNull(trace.MappedModel, BoundedText.Model),
        Stream = trace.Stream,
        AccountId = BoundedText.ClipOrNull(trace.AccountId, BoundedText.Name),
        AccountEmail = BoundedText.ClipOrNull(trace.AccountEmail, BoundedText.Name),
        Decision = BoundedText.ClipOrNull(trace.Decision, BoundedText.Message),
        Status = trace.Status,
        Error = BoundedText.ClipOrNull(trace.Error, BoundedText.Message),
        LatencyMs = trace.Latency.TotalMilliseconds,
        TtfbMs = trace.TimeToFirstByte?.TotalMilliseconds,
        InputTokens = trace.InputTokens,
        OutputTokens = trace.OutputTokens,
        ThinkingTokens = trace.ThinkingTokens,
        CachedTokens = trace.CachedTokens,
        CreditsConsumed = trace.CreditsConsumed,
        WaitedMs = trace.Waited.TotalMilliseconds,
        Attempts = [.. trace.Attempts.Take(MaxAttempts).Select(AttemptView.From)],
        Repairs = [.. trace.Repairs.Take(MaxRepairs).Select(r => new RepairView(BoundedText.Clip(r.Kind, BoundedText.Name), BoundedText.Clip(r.Detail, BoundedText.Reason)))],
        RequestBody = requestBody,
        Trace = TraceOf(trace),
    };

    private static DecisionLog? TraceOf(RequestTrace trace) =>
        trace.Picks.Count == 0 && trace.Background is null && trace.CacheMove is null
            ? null
            : new DecisionLog(
                [.. trace.Picks.Take(DecisionLog.MaxPicks).Select(p => p with
                {
                    Reason = BoundedText.Clip(p.Reason, BoundedText.Reason),
                    Items = [.. p.Items.Take(DecisionLog.MaxItems).Select(i => i with { Text = BoundedText.Clip(i.Text, BoundedText.Reason) })],
                })],
                BoundedText.ClipOrNull(trace.Background, BoundedText.Reason),
                trace.Background is null ? null : BoundedText.ClipOrNull(trace.RequestedModel, BoundedText.Model),
                trace.CacheMove);

    public RequestSummary ToSummary() => new(
        Id, StartedAt, Protocol, Endpoint, RequestedModel, MappedModel, Account, Status,
        Math.Round(LatencyMs, 1), TtfbMs is { } t ? Math.Round(t, 1) : null,
        InputTokens, OutputTokens, ThinkingTokens, Attempts.Count, Repairs.Count, Error, Stream, ClientKey);

    public RequestDetail ToDetail() => new(
        Id, StartedAt, Protocol, Endpoint, RequestedModel, MappedModel, Account, AccountId, AccountEmail, Status,
        Math.Round(LatencyMs, 1), TtfbMs is { } t ? Math.Round(t, 1) : null,
        InputTokens, OutputTokens, ThinkingTokens, CachedTokens, Math.Round(WaitedMs, 1), Error, Stream, ClientKey,
        SessionHash, SessionSource, Decision, Attempts, Repairs, RequestBody, CreditsConsumed, Trace);
}

/// <summary>One upstream attempt as stored and shown (times in milliseconds).</summary>
internal sealed record AttemptView(
    int Number, string AccountId, string AccountEmail, string Pool, string Host, int Status, string Outcome,
    double DurationMs, double WaitMs, string Decision)
{
    public static AttemptView From(AttemptRecord a) => new(
        a.Number, BoundedText.Clip(a.AccountId, BoundedText.Name), BoundedText.Clip(a.AccountEmail, BoundedText.Name),
        BoundedText.Clip(a.Pool, BoundedText.Name), BoundedText.Clip(a.Host, BoundedText.Name), a.Status, BoundedText.Clip(a.Outcome, BoundedText.Name),
        Math.Round(a.Duration.TotalMilliseconds, 1), Math.Round(a.Wait.TotalMilliseconds, 1), BoundedText.Clip(a.Decision, BoundedText.Reason));
}

/// <summary>One repair as stored and shown.</summary>
internal sealed record RepairView(string Kind, string Detail);
