using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Switchyard.RequestLog;

/// <summary>
/// The request log's HTTP routes, mounted by the admin API under its prefix and behind its auth:
/// <c>GET requests</c> (search, keyset paging), <c>GET requests/live</c> (SSE), <c>GET requests/{id}</c>, <c>GET stats</c>,
/// <c>GET storage</c> (the data directory against its budget).
/// Bad filters get a 400 <c>{"error": "..."}</c> naming the parameter.
/// </summary>
internal static class RequestLogApi
{
    public const int MaxLimit = 500;
    public const int DefaultLimit = 50;

    private static readonly string[] SearchKeys = ["from", "to", "protocol", "model", "account", "status", "session", "errors", "limit", "cursor"];
    private static readonly string[] StatsKeys = ["from", "to", "by"];
    private static readonly string[] Protocols = ["anthropic", "openai", "gemini"];

    public static RouteGroupBuilder MapRequestLogApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("requests", SearchAsync);
        admin.MapGet("requests/live", Live);
        admin.MapGet("requests/{id}", GetAsync);
        admin.MapGet("stats", StatsAsync);
        admin.MapGet("storage", (DataBudget budget) => TypedResults.Json(budget.Measure(), RequestLogJsonContext.Default.DataBudgetStatus))
            .WithSummary("The data directory's size against its budget (Storage:DataBudgetMegabytes; 0 is none), measured now.");
        return admin;
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, RequestLogStore store, CancellationToken cancellationToken)
    {
        var (query, error) = ParseSearch(request.Query);
        if (query is null)
        {
            return BadRequest(error!);
        }

        var page = await store.SearchAsync(query, cancellationToken);
        return TypedResults.Json(page, RequestLogJsonContext.Default.RequestPage);
    }

    private static async Task<IResult> GetAsync(string id, RequestLogStore store, RequestLogWriter writer, CancellationToken cancellationToken)
    {
        if (id.Length > 64 || !id.All(char.IsAsciiLetterOrDigit))
        {
            return BadRequest($"'{Clip(id)}' is not a request id.");
        }

        var found = await store.GetAsync(id, cancellationToken);
        if (found is null && writer.QueueDepth > 0)
        {
            // Seen in the live feed a moment ago, still in the writer's gathering window.
            await writer.FlushAsync(cancellationToken);
            found = await store.GetAsync(id, cancellationToken);
        }

        return found is { } record
            ? TypedResults.Json(record.ToDetail(), RequestLogJsonContext.Default.RequestDetail)
            : TypedResults.Json(new ApiError($"No request with id '{id}' (unknown, or removed by retention)."), RequestLogJsonContext.Default.ApiError, statusCode: StatusCodes.Status404NotFound);
    }

    private static ServerSentEventsResult<string> Live(RequestLogBroadcast broadcast, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(LiveEvents(broadcast, cancellationToken));

    /// <summary>A <c>ready</c> event once subscribed, then a <c>request</c> event (a summary) per finished request.</summary>
    private static async IAsyncEnumerable<SseItem<string>> LiveEvents(RequestLogBroadcast broadcast, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = broadcast.Subscribe();
        try
        {
            yield return new SseItem<string>("{}", "ready");
            while (true)
            {
                RequestSummary item;
                try
                {
                    if (!await channel.Reader.WaitToReadAsync(cancellationToken) || !channel.Reader.TryRead(out item!))
                    {
                        continue;
                    }
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                yield return new SseItem<string>(JsonSerializer.Serialize(item, RequestLogJsonContext.Default.RequestSummary), "request") { EventId = item.Id };
            }
        }
        finally
        {
            broadcast.Unsubscribe(channel);
        }
    }

    private static async Task<IResult> StatsAsync(HttpRequest request, RequestLogStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = request.Query;
        if (Unknown(query, StatsKeys) is { } unknown)
        {
            return BadRequest(unknown);
        }

        if (StatsKeys.FirstOrDefault(k => query[k].Count > 1) is { } repeated)
        {
            return BadRequest($"'{repeated}' is given more than once.");
        }

        var now = time.GetUtcNow();
        if (!TryTime(query, "from", out var from, out var error) || !TryTime(query, "to", out var to, out error))
        {
            return BadRequest(error!);
        }

        var end = to ?? now;
        var day = TimeSpan.FromHours(24);
        var start = from ?? (end.UtcTicks - DateTimeOffset.MinValue.UtcTicks > day.Ticks ? end - day : DateTimeOffset.MinValue);
        if (start >= end)
        {
            return BadRequest("'from' must be before 'to'.");
        }

        var by = query["by"].ToString();
        if (by.Length > 0 && by is not ("account" or "model"))
        {
            return BadRequest($"'by' must be 'account' or 'model', not '{Clip(by)}'.");
        }

        var stats = await store.StatsAsync(start, end, by == "account", cancellationToken);
        return TypedResults.Json(stats, RequestLogJsonContext.Default.StatsResponse);
    }

    /// <summary>The search query, or the first problem with it.</summary>
    internal static (RequestQuery? Query, string? Error) ParseSearch(IQueryCollection query)
    {
        if (Unknown(query, SearchKeys) is { } unknown)
        {
            return (null, unknown);
        }

        foreach (var key in SearchKeys)
        {
            if (query[key].Count > 1)
            {
                return (null, $"'{key}' is given more than once.");
            }
        }

        if (!TryTime(query, "from", out var from, out var error) || !TryTime(query, "to", out var to, out error))
        {
            return (null, error);
        }

        if (from is { } f && to is { } t && f >= t)
        {
            return (null, "'from' must be before 'to'.");
        }

        string? protocol = null;
        if (Single(query, "protocol") is { } p)
        {
            protocol = p.ToLowerInvariant();
            if (!Protocols.Contains(protocol))
            {
                return (null, $"'protocol' must be one of {string.Join(", ", Protocols)}, not '{Clip(p)}'.");
            }
        }

        int? status = null;
        int? statusClass = null;
        if (Single(query, "status") is { } s)
        {
            if (s.Length == 3 && s[0] is >= '1' and <= '5' && s.EndsWith("xx", StringComparison.OrdinalIgnoreCase))
            {
                statusClass = s[0] - '0';
            }
            else if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599)
            {
                status = code;
            }
            else
            {
                return (null, $"'status' must be an HTTP status (100-599) or a class like 4xx, not '{Clip(s)}'.");
            }
        }

        var errorsOnly = false;
        if (Single(query, "errors") is { } e && !bool.TryParse(e, out errorsOnly))
        {
            return (null, $"'errors' must be true or false, not '{Clip(e)}'.");
        }

        var limit = DefaultLimit;
        if (Single(query, "limit") is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, $"'limit' must be a whole number from 1 to {MaxLimit}, not '{Clip(l)}'.");
        }

        RequestCursor? cursor = null;
        if (Single(query, "cursor") is { } c && !RequestCursor.TryParse(c, out cursor))
        {
            return (null, $"'cursor' '{Clip(c)}' is not a cursor this API returned.");
        }

        return (new RequestQuery
        {
            From = from,
            To = to,
            Protocol = protocol,
            Model = Single(query, "model"),
            Account = Single(query, "account"),
            Status = status,
            StatusClass = statusClass,
            SessionHash = Single(query, "session"),
            ErrorsOnly = errorsOnly,
            Limit = limit,
            Cursor = cursor,
        }, null);
    }

    private static string? Unknown(IQueryCollection query, string[] known)
    {
        foreach (var key in query.Keys)
        {
            if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return $"Unknown parameter '{Clip(key)}'. Known: {string.Join(", ", known)}.";
            }
        }

        return null;
    }

    private static string? Single(IQueryCollection query, string key) =>
        query[key].ToString() is { Length: > 0 } value ? value : null;

    private static bool TryTime(IQueryCollection query, string key, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (Single(query, key) is not { } text)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = $"'{key}' must be an ISO 8601 time such as 2026-07-01T12:00:00Z, not '{Clip(text)}'.";
        return false;
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private static JsonHttpResult<ApiError> BadRequest(string error) =>
        TypedResults.Json(new ApiError(error), RequestLogJsonContext.Default.ApiError, statusCode: StatusCodes.Status400BadRequest);
}
