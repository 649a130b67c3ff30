namespace Switchyard.RequestLog;

/// <summary>One row of the request list and one event of the live feed.</summary>
internal sealed record RequestSummary(
    string Id,
    DateTimeOffset StartedAt,
    string Protocol,
    string Endpoint,
    string? RequestedModel,
    string? MappedModel,
    string? Account,
    int Status,
    double LatencyMs,
    double? TtfbMs,
    int? InputTokens,
    int? OutputTokens,
    int? ThinkingTokens,
    int Attempts,
    int Repairs,
    string? Error,
    bool Stream,
    string? ClientKey);

/// <summary>A request with every attempt and repair (<c>GET requests/{id}</c>).</summary>
internal sealed record RequestDetail(
    string Id,
    DateTimeOffset StartedAt,
    string Protocol,
    string Endpoint,
    string? RequestedModel,
    string? MappedModel,
    string? Account,
    string? AccountId,
    string? AccountEmail,
    int Status,
    double LatencyMs,
    double? TtfbMs,
    int? InputTokens,
    int? OutputTokens,
    int? ThinkingTokens,
    int? CachedTokens,
    double WaitedMs,
    string? Error,
    bool Stream,
    string? ClientKey,
    string? SessionHash,
    string? SessionSource,
    string? Decision,
    IReadOnlyList<AttemptView> Attempts,
    IReadOnlyList<RepairView> Repairs,
    string? RequestBody,
    long? CreditsConsumed = null,
    DecisionLog? Trace = null);

/// <summary>A page of the request list, newest first; <see cref="Next"/> is the cursor of the next page or null.</summary>
internal sealed record RequestPage(IReadOnlyList<RequestSummary> Items, string? Next);

/// <summary>The hourly usage series (<c>GET stats</c>), one per account or model.</summary>
internal sealed record StatsResponse(IReadOnlyList<StatsSeries> Series);

internal sealed record StatsSeries(string Key, IReadOnlyList<StatsPoint> Points);

/// <summary>One hour of one series.</summary>
internal sealed record StatsPoint(
    DateTimeOffset Hour,
    long Requests,
    long Errors,
    long RateLimited,
    long InputTokens,
    long OutputTokens,
    long ThinkingTokens,
    long CachedTokens);

/// <summary>A 4xx answer of the request-log API.</summary>
internal sealed record ApiError(string Error);

/// <summary>The data directory against its budget (<c>GET /admin/api/storage</c>); a budget of 0 means none.</summary>
internal sealed record DataBudgetStatus(long UsedBytes, long BudgetBytes, long RequestLogBytes, DateTimeOffset MeasuredAt)
{
    public bool OverBudget => BudgetBytes > 0 && UsedBytes > BudgetBytes;
}
