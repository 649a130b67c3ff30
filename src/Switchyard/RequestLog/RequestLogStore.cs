using System.Text.Json;
using Microsoft.Data.Sqlite;
using Switchyard.Storage;

namespace Switchyard.RequestLog;

/// <summary>
/// Rows of <c>requests.db</c> and the hourly usage aggregate beside them: batch insert (rows and statistics in one
/// transaction), keyset-paged search, one request by id, hourly series, and retention. Thread-safe (a connection
/// per call).
/// </summary>
internal sealed class RequestLogStore(RequestLogDb db)
{
    private const string Columns = """
        id, started_at, protocol, endpoint, client_key, session_hash, session_source, requested_model, mapped_model,
        stream, account_id, account_email, decision, status, is_error, error, latency_ms, ttfb_ms, input_tokens,
        output_tokens, thinking_tokens, cached_tokens, waited_ms, attempt_count, repair_count, attempts, repairs, request_body, credits_consumed, trace
        """;

    public RequestLogDb Database => db;

    /// <summary>Writes the records (when <paramref name="keepRows"/>) and adds them to the hourly statistics, in one transaction.</summary>
    public async Task InsertAsync(IReadOnlyList<RequestRecord> records, bool keepRows, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await InsertAsync(connection, records, keepRows, cancellationToken);
    }

    /// <summary>
    /// <see cref="InsertAsync(IReadOnlyList{RequestRecord}, bool, CancellationToken)"/> on a connection the caller
    /// keeps open (the writer's): opening and closing per batch costs a WAL checkpoint each time the last
    /// connection closes.
    /// </summary>
    public static async Task InsertAsync(SqliteConnection connection, IReadOnlyList<RequestRecord> records, bool keepRows, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (keepRows)
        {
            await InsertRowsAsync(connection, records, cancellationToken);
        }

        await UpsertStatsAsync(connection, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task InsertRowsAsync(SqliteConnection connection, IReadOnlyList<RequestRecord> records, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT OR REPLACE INTO requests ({Columns}) VALUES ($id, $started, $protocol, $endpoint, $client, $session, $source, $requested, $mapped, $stream, $accountId, $email, $decision, $status, $isError, $error, $latency, $ttfb, $in, $out, $thinking, $cached, $waited, $attemptCount, $repairCount, $attempts, $repairs, $body, $credits, $trace)";
        var p = new Dictionary<string, SqliteParameter>(StringComparer.Ordinal);
        foreach (var name in new[] { "$id", "$started", "$protocol", "$endpoint", "$client", "$session", "$source", "$requested", "$mapped", "$stream", "$accountId", "$email", "$decision", "$status", "$isError", "$error", "$latency", "$ttfb", "$in", "$out", "$thinking", "$cached", "$waited", "$attemptCount", "$repairCount", "$attempts", "$repairs", "$body", "$credits", "$trace" })
        {
            p[name] = insert.Parameters.Add(name, SqliteType.Text);
        }

        foreach (var r in records)
        {
            p["$id"].Value = r.Id;
            p["$started"].Value = r.StartedAt.ToUnixTimeMilliseconds();
            p["$protocol"].Value = r.Protocol;
            p["$endpoint"].Value = r.Endpoint;
            p["$client"].Value = OrNull(r.ClientKey);
            p["$session"].Value = OrNull(r.SessionHash);
            p["$source"].Value = OrNull(r.SessionSource);
            p["$requested"].Value = OrNull(r.RequestedModel);
            p["$mapped"].Value = OrNull(r.MappedModel);
            p["$stream"].Value = r.Stream ? 1 : 0;
            p["$accountId"].Value = OrNull(r.AccountId);
            p["$email"].Value = OrNull(r.AccountEmail);
            p["$decision"].Value = OrNull(r.Decision);
            p["$status"].Value = r.Status;
            p["$isError"].Value = r.IsError ? 1 : 0;
            p["$error"].Value = OrNull(r.Error);
            p["$latency"].Value = r.LatencyMs;
            p["$ttfb"].Value = r.TtfbMs is { } t ? t : DBNull.Value;
            p["$in"].Value = OrNull(r.InputTokens);
            p["$out"].Value = OrNull(r.OutputTokens);
            p["$thinking"].Value = OrNull(r.ThinkingTokens);
            p["$cached"].Value = OrNull(r.CachedTokens);
            p["$waited"].Value = r.WaitedMs;
            p["$attemptCount"].Value = r.Attempts.Count;
            p["$repairCount"].Value = r.Repairs.Count;
            p["$attempts"].Value = JsonSerializer.Serialize([.. r.Attempts], RequestLogJsonContext.Default.ListAttemptView);
            p["$repairs"].Value = JsonSerializer.Serialize([.. r.Repairs], RequestLogJsonContext.Default.ListRepairView);
            p["$body"].Value = OrNull(r.RequestBody);
            p["$credits"].Value = r.CreditsConsumed is { } credits ? credits : DBNull.Value;
            p["$trace"].Value = r.Trace is { } trace ? JsonSerializer.Serialize(trace, RequestLogJsonContext.Default.DecisionLog) : DBNull.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task UpsertStatsAsync(SqliteConnection connection, IReadOnlyList<RequestRecord> records, CancellationToken cancellationToken)
    {
        var groups = records
            .GroupBy(r => (Hour: HourOf(r.StartedAt), Account: r.Account ?? "", Model: r.Model ?? ""))
            .Select(g => (g.Key, Requests: g.Count(), Errors: g.Count(r => r.IsError), RateLimited: g.Count(r => r.IsRateLimited),
                In: g.Sum(r => (long)(r.InputTokens ?? 0)), Out: g.Sum(r => (long)(r.OutputTokens ?? 0)),
                Thinking: g.Sum(r => (long)(r.ThinkingTokens ?? 0)), Cached: g.Sum(r => (long)(r.CachedTokens ?? 0))));
        await using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO usage_hourly (hour, account, model, requests, errors, rate_limited, input_tokens, output_tokens, thinking_tokens, cached_tokens)
            VALUES ($hour, $account, $model, $requests, $errors, $limited, $in, $out, $thinking, $cached)
            ON CONFLICT (hour, account, model) DO UPDATE SET
                requests = requests + excluded.requests, errors = errors + excluded.errors,
                rate_limited = rate_limited + excluded.rate_limited, input_tokens = input_tokens + excluded.input_tokens,
                output_tokens = output_tokens + excluded.output_tokens, thinking_tokens = thinking_tokens + excluded.thinking_tokens,
                cached_tokens = cached_tokens + excluded.cached_tokens
            """;
        var hour = upsert.Parameters.Add("$hour", SqliteType.Integer);
        var account = upsert.Parameters.Add("$account", SqliteType.Text);
        var model = upsert.Parameters.Add("$model", SqliteType.Text);
        var requests = upsert.Parameters.Add("$requests", SqliteType.Integer);
        var errors = upsert.Parameters.Add("$errors", SqliteType.Integer);
        var limited = upsert.Parameters.Add("$limited", SqliteType.Integer);
        var input = upsert.Parameters.Add("$in", SqliteType.Integer);
        var output = upsert.Parameters.Add("$out", SqliteType.Integer);
        var thinking = upsert.Parameters.Add("$thinking", SqliteType.Integer);
        var cached = upsert.Parameters.Add("$cached", SqliteType.Integer);
        foreach (var g in groups)
        {
            hour.Value = g.Key.Hour;
            account.Value = g.Key.Account;
            model.Value = g.Key.Model;
            requests.Value = g.Requests;
            errors.Value = g.Errors;
            limited.Value = g.RateLimited;
            input.Value = g.In;
            output.Value = g.Out;
            thinking.Value = g.Thinking;
            cached.Value = g.Cached;
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>One page, newest first; <see cref="RequestPage.Next"/> is set when more rows match.</summary>
    public async Task<RequestPage> SearchAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        void Add(string clause, string name, object value)
        {
            where.Add(clause);
            command.Parameters.AddWithValue(name, value);
        }

        if (query.From is { } from)
        {
            Add("started_at >= $from", "$from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            Add("started_at < $to", "$to", to.ToUnixTimeMilliseconds());
        }

        if (query.Protocol is { } protocol)
        {
            Add("protocol = $protocol", "$protocol", protocol);
        }

        if (query.Model is { } m)
        {
            Add("(requested_model = $model OR mapped_model = $model)", "$model", m);
        }

        if (query.Account is { } a)
        {
            Add("(account_email = $account OR account_id = $account)", "$account", a);
        }

        if (query.Status is { } status)
        {
            Add("status = $status", "$status", status);
        }

        if (query.StatusClass is { } statusClass)
        {
            Add("status >= $classLow AND status < $classLow + 100", "$classLow", statusClass * 100);
        }

        if (query.SessionHash is { } session)
        {
            Add("session_hash = $session", "$session", session);
        }

        if (query.ErrorsOnly)
        {
            where.Add("is_error = 1");
        }

        if (query.Cursor is { } cursor)
        {
            Add("(started_at < $cursorAt OR (started_at = $cursorAt AND id < $cursorId))", "$cursorAt", cursor.StartedAtMs);
            command.Parameters.AddWithValue("$cursorId", cursor.Id);
        }

        command.CommandText = $"SELECT {Columns} FROM requests"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " ORDER BY started_at DESC, id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        var items = new List<RequestSummary>();
        RequestSummary? last = null;
        var more = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (items.Count == query.Limit)
                {
                    more = true;
                    break;
                }

                var summary = ReadSummary(reader);
                items.Add(summary);
                last = summary;
            }
        }

        return new RequestPage(items, more && last is not null ? new RequestCursor(last.StartedAt.ToUnixTimeMilliseconds(), last.Id).ToString() : null);
    }

    public async Task<RequestRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM requests WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM requests";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Hourly points in [from, to) per account or per model (<paramref name="byAccount"/>), keys and hours ascending.</summary>
    public async Task<StatsResponse> StatsAsync(DateTimeOffset from, DateTimeOffset to, bool byAccount, CancellationToken cancellationToken)
    {
        var key = byAccount ? "account" : "model";
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {key}, hour, sum(requests), sum(errors), sum(rate_limited), sum(input_tokens), sum(output_tokens), sum(thinking_tokens), sum(cached_tokens)
            FROM usage_hourly WHERE hour >= $from AND hour < $to
            GROUP BY {key}, hour ORDER BY {key}, hour
            """;
        command.Parameters.AddWithValue("$from", HourOf(from));
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        var series = new List<StatsSeries>();
        List<StatsPoint>? points = null;
        string? current = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (points is null || name != current)
            {
                current = name;
                points = [];
                series.Add(new StatsSeries(name, points));
            }

            points.Add(new StatsPoint(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)));
        }

        return new StatsResponse(series);
    }

    /// <summary>
    /// Deletes rows started before <paramref name="olderThan"/> (when given), the hourly statistics of hours that
    /// ended before <paramref name="statisticsOlderThan"/> (when given), then the oldest rows beyond
    /// <paramref name="maxRows"/> (when above 0), and gives the freed pages back to the file system. Returns rows
    /// deleted (statistics not counted).
    /// </summary>
    public async Task<int> ApplyRetentionAsync(DateTimeOffset? olderThan, DateTimeOffset? statisticsOlderThan, int maxRows, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var deleted = 0;
        var freed = false;
        if (olderThan is { } cutoff)
        {
            await using var byAge = connection.CreateCommand();
            byAge.CommandText = "DELETE FROM requests WHERE started_at < $cutoff";
            byAge.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            deleted += await byAge.ExecuteNonQueryAsync(cancellationToken);
        }

        if (statisticsOlderThan is { } statisticsCutoff)
        {
            await using var stats = connection.CreateCommand();
            stats.CommandText = "DELETE FROM usage_hourly WHERE hour < $hour";
            stats.Parameters.AddWithValue("$hour", HourOf(statisticsCutoff));
            freed = await stats.ExecuteNonQueryAsync(cancellationToken) > 0;
        }

        if (maxRows > 0)
        {
            await using var bySize = connection.CreateCommand();
            bySize.CommandText = """
                DELETE FROM requests WHERE rowid IN (
                    SELECT rowid FROM requests ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET $keep)
                """;
            bySize.Parameters.AddWithValue("$keep", maxRows);
            deleted += await bySize.ExecuteNonQueryAsync(cancellationToken);
        }

        if (deleted > 0 || freed)
        {
            await VacuumAsync(connection, cancellationToken);
        }

        return deleted;
    }

    /// <summary>
    /// Frees space for the data directory's budget: deletes the oldest quarter of the rows (at least one), or, when
    /// no row is left, the oldest half of the hourly statistics; then gives the pages back and empties the WAL.
    /// Returns what was deleted (0: nothing left to delete).
    /// </summary>
    public async Task<int> DeleteOldestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var rows = connection.CreateCommand();
        rows.CommandText = """
            DELETE FROM requests WHERE rowid IN (
                SELECT rowid FROM requests ORDER BY started_at ASC, id ASC
                LIMIT max(1, (SELECT count(*) FROM requests) / 4))
            """;
        var deleted = await rows.ExecuteNonQueryAsync(cancellationToken);
        if (deleted == 0)
        {
            await using var stats = connection.CreateCommand();
            stats.CommandText = """
                DELETE FROM usage_hourly WHERE hour < (
                    SELECT hour FROM usage_hourly ORDER BY hour ASC
                    LIMIT 1 OFFSET max(1, (SELECT count(*) FROM usage_hourly) / 2))
                """;
            deleted = await stats.ExecuteNonQueryAsync(cancellationToken);
        }

        if (deleted > 0)
        {
            await VacuumAsync(connection, cancellationToken);
            await SwitchyardDb.ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }

        return deleted;
    }

    /// <summary>Gives free pages back to the file system: incremental_vacuum frees one page per step, so it is stepped to the end.</summary>
    private static async Task VacuumAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA incremental_vacuum;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
        }
    }

    private static RequestSummary ReadSummary(SqliteDataReader r) => new(
        r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3),
        Str(r, 7), Str(r, 8), Str(r, 11) ?? Str(r, 10), r.GetInt32(13), Math.Round(r.GetDouble(16), 1),
        r.IsDBNull(17) ? null : Math.Round(r.GetDouble(17), 1), Int(r, 18), Int(r, 19), Int(r, 20),
        r.GetInt32(23), r.GetInt32(24), Str(r, 15), r.GetInt64(9) != 0, Str(r, 4));

    private static RequestRecord Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
        Protocol = r.GetString(2),
        Endpoint = r.GetString(3),
        ClientKey = Str(r, 4),
        SessionHash = Str(r, 5),
        SessionSource = Str(r, 6),
        RequestedModel = Str(r, 7),
        MappedModel = Str(r, 8),
        Stream = r.GetInt64(9) != 0,
        AccountId = Str(r, 10),
        AccountEmail = Str(r, 11),
        Decision = Str(r, 12),
        Status = r.GetInt32(13),
        Error = Str(r, 15),
        LatencyMs = r.GetDouble(16),
        TtfbMs = r.IsDBNull(17) ? null : r.GetDouble(17),
        InputTokens = Int(r, 18),
        OutputTokens = Int(r, 19),
        ThinkingTokens = Int(r, 20),
        CachedTokens = Int(r, 21),
        WaitedMs = r.GetDouble(22),
        Attempts = JsonSerializer.Deserialize(r.GetString(25), RequestLogJsonContext.Default.ListAttemptView) ?? [],
        Repairs = JsonSerializer.Deserialize(r.GetString(26), RequestLogJsonContext.Default.ListRepairView) ?? [],
        RequestBody = Str(r, 27),
        CreditsConsumed = r.IsDBNull(28) ? null : r.GetInt64(28),
        Trace = r.IsDBNull(29) ? null : JsonSerializer.Deserialize(r.GetString(29), RequestLogJsonContext.Default.DecisionLog),
    };

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? Int(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static object OrNull(string? value) => value is null ? DBNull.Value : value;

    private static object OrNull(int? value) => value is { } v ? v : DBNull.Value;

    /// <summary>Start of the UTC hour, in Unix milliseconds.</summary>
    public static long HourOf(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        return ms - (((ms % 3_600_000) + 3_600_000) % 3_600_000);
    }
}
