using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Switchyard.Foundation;
using Switchyard.RequestLog;

namespace Switchyard.Tests.RequestLog;

public sealed class RequestLogStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset T0 = RequestLogFixture.T0;

    [Fact]
    public async Task InsertAsync_FullTrace_GetReturnsEveryFieldWithAttemptsAndRepairs()
    {
        using var f = new RequestLogFixture();
        var trace = RequestLogFixture.Trace(T0, status: 200);
        trace.ClientKeyName = "laptop";
        trace.SessionKeyHash = "abc123";
        trace.SessionSource = "metadata";
        trace.Stream = true;
        trace.Decision = "sticky; bound";
        trace.ThinkingTokens = 7;
        trace.CachedTokens = 3;
        trace.Waited = TimeSpan.FromSeconds(2);
        trace.Attempts.Add(new AttemptRecord(1, "id-grace", "grace@example.com", "antigravity", "daily-sandbox", 429, "RateLimited", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), "rotate"));
        trace.Attempts.Add(new AttemptRecord(2, "id-ada", "ada@example.com", "antigravity", "prod", 200, "ok", TimeSpan.FromMilliseconds(900), TimeSpan.Zero, "served"));
        trace.Repairs.Add(new RepairRecord("missing-tool-result", "added 1 empty result"));
        await f.InsertAsync(trace);

        var got = (await f.Store.GetAsync(trace.Id, Ct))!.ToDetail();

        Assert.Equal(trace.Id, got.Id);
        Assert.Equal(T0, got.StartedAt);
        Assert.Equal(("anthropic", "/v1/messages", "claude-sonnet-4-5", "claude-sonnet-4-5-mapped"), (got.Protocol, got.Endpoint, got.RequestedModel, got.MappedModel));
        Assert.Equal(("ada@example.com", "id-ada", "ada@example.com"), (got.Account, got.AccountId, got.AccountEmail));
        Assert.Equal((200, 1234.5, 100.0, 2000.0), (got.Status, got.LatencyMs, got.TtfbMs!.Value, got.WaitedMs));
        Assert.Equal((10, 5, 7, 3), (got.InputTokens!.Value, got.OutputTokens!.Value, got.ThinkingTokens!.Value, got.CachedTokens!.Value));
        Assert.Equal(("laptop", "abc123", "metadata", "sticky; bound", true), (got.ClientKey, got.SessionHash, got.SessionSource, got.Decision, got.Stream));
        Assert.Equal(2, got.Attempts.Count);
        Assert.Equal(new AttemptView(1, "id-grace", "grace@example.com", "antigravity", "daily-sandbox", 429, "RateLimited", 50, 2000, "rotate"), got.Attempts[0]);
        Assert.Equal("served", got.Attempts[1].Decision);
        Assert.Equal([new RepairView("missing-tool-result", "added 1 empty result")], got.Repairs);
        Assert.Null(got.RequestBody);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        using var f = new RequestLogFixture();
        Assert.Null(await f.Store.GetAsync("nope", Ct));
    }

    [Fact]
    public async Task SearchAsync_PagesWithCursor_NewestFirstWithoutGapsOrRepeats()
    {
        using var f = new RequestLogFixture();
        var traces = Enumerable.Range(0, 25).Select(i => RequestLogFixture.Trace(T0.AddSeconds(i / 3))).ToArray();
        await f.InsertAsync(traces);
        var expected = traces.OrderByDescending(t => t.StartedAt).ThenByDescending(t => t.Id, StringComparer.Ordinal).Select(t => t.Id).ToList();

        var seen = new List<string>();
        RequestCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await f.Store.SearchAsync(new RequestQuery { Limit = 10, Cursor = cursor }, Ct);
            seen.AddRange(page.Items.Select(i => i.Id));
            pages++;
            Assert.True(page.Next is null || RequestCursor.TryParse(page.Next, out cursor));
            if (page.Next is null)
            {
                break;
            }
        }
        while (pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task SearchAsync_EachFilter_ReturnsOnlyMatchingRows()
    {
        using var f = new RequestLogFixture();
        var a = RequestLogFixture.Trace(T0, protocol: "anthropic", model: "claude-opus-4-5", account: "ada@example.com");
        var b = RequestLogFixture.Trace(T0.AddMinutes(1), protocol: "openai", model: "gemini-3-flash", account: "grace@example.com", status: 429, error: "rate limited");
        var c = RequestLogFixture.Trace(T0.AddMinutes(2), protocol: "gemini", model: "gemini-3-pro", account: null, status: 400, error: "bad");
        var d = RequestLogFixture.Trace(T0.AddMinutes(3), protocol: "anthropic", status: 200, error: "The stream was cut.");
        a.SessionKeyHash = "s1";
        await f.InsertAsync(a, b, c, d);

        async Task<string[]> Ids(RequestQuery q) => [.. (await f.Store.SearchAsync(q, Ct)).Items.Select(i => i.Id).Order(StringComparer.Ordinal)];
        string[] Of(params RequestTrace[] t) => [.. t.Select(x => x.Id).Order(StringComparer.Ordinal)];

        Assert.Equal(Of(a, d), await Ids(new RequestQuery { Protocol = "anthropic" }));
        Assert.Equal(Of(b), await Ids(new RequestQuery { Model = "gemini-3-flash" }));
        Assert.Equal(Of(b), await Ids(new RequestQuery { Model = "gemini-3-flash-mapped" }));
        Assert.Equal(Of(b), await Ids(new RequestQuery { Account = "grace@example.com" }));
        Assert.Equal(Of(b), await Ids(new RequestQuery { Account = "id-grace" }));
        Assert.Equal(Of(b), await Ids(new RequestQuery { Status = 429 }));
        Assert.Equal(Of(b, c), await Ids(new RequestQuery { StatusClass = 4 }));
        Assert.Equal(Of(b, c, d), await Ids(new RequestQuery { ErrorsOnly = true }));
        Assert.Equal(Of(a), await Ids(new RequestQuery { SessionHash = "s1" }));
        Assert.Equal(Of(b, c), await Ids(new RequestQuery { From = T0.AddMinutes(1), To = T0.AddMinutes(3) }));
    }

    [Fact]
    public async Task SearchAsync_Summary_HasCountsAndAccount()
    {
        using var f = new RequestLogFixture();
        var t = RequestLogFixture.Trace(T0, account: null);
        t.AccountId = "acc-1";
        t.Attempts.Add(new AttemptRecord(1, "acc-1", "", "antigravity", "prod", 200, "ok", TimeSpan.Zero, TimeSpan.Zero, "served"));
        t.Repairs.Add(new RepairRecord("k", "d"));
        t.Repairs.Add(new RepairRecord("k2", "d2"));
        t.ClientKeyName = "ci";
        await f.InsertAsync(t);

        var s = Assert.Single((await f.Store.SearchAsync(new RequestQuery(), Ct)).Items);

        Assert.Equal((1, 2, "acc-1", "ci"), (s.Attempts, s.Repairs, s.Account, s.ClientKey));
    }

    [Fact]
    public async Task InsertAsync_RowsOff_KeepsOnlyStatistics()
    {
        using var f = new RequestLogFixture();
        await f.Store.InsertAsync([RequestRecord.From(RequestLogFixture.Trace(T0))], keepRows: false, Ct);

        Assert.Equal(0, await f.Store.CountAsync(Ct));
        var stats = await f.Store.StatsAsync(T0.AddHours(-1), T0.AddHours(1), byAccount: true, Ct);
        Assert.Equal(1, Assert.Single(Assert.Single(stats.Series).Points).Requests);
    }

    [Fact]
    public async Task StatsAsync_ByAccountAndByModel_SumsPerHour()
    {
        using var f = new RequestLogFixture();
        await f.InsertAsync(
            RequestLogFixture.Trace(T0.AddMinutes(5), account: "ada@example.com", model: "m1", input: 100, output: 10),
            RequestLogFixture.Trace(T0.AddMinutes(50), account: "ada@example.com", model: "m2", status: 429, input: null, output: null),
            RequestLogFixture.Trace(T0.AddMinutes(65), account: "ada@example.com", model: "m1", status: 500, input: 1, output: 2),
            RequestLogFixture.Trace(T0.AddMinutes(10), account: "grace@example.com", model: "m1", input: 7, output: 3));
        await f.InsertAsync(RequestLogFixture.Trace(T0.AddMinutes(20), account: "ada@example.com", model: "m1", input: 1, output: 1));

        var byAccount = await f.Store.StatsAsync(T0, T0.AddHours(2), byAccount: true, Ct);
        var ada = byAccount.Series.Single(s => s.Key == "ada@example.com");
        Assert.Equal(["ada@example.com", "grace@example.com"], byAccount.Series.Select(s => s.Key));
        Assert.Equal([T0, T0.AddHours(1)], ada.Points.Select(p => p.Hour));
        Assert.Equal(new StatsPoint(T0, 3, 1, 1, 101, 11, 0, 0), ada.Points[0]);
        Assert.Equal(new StatsPoint(T0.AddHours(1), 1, 1, 0, 1, 2, 0, 0), ada.Points[1]);

        var byModel = await f.Store.StatsAsync(T0, T0.AddHours(1), byAccount: false, Ct);
        Assert.Equal(["m1-mapped", "m2-mapped"], byModel.Series.Select(s => s.Key));
        Assert.Equal(3, Assert.Single(byModel.Series[0].Points).Requests);
    }

    [Fact]
    public async Task ApplyRetentionAsync_ByAge_DeletesOlderRowsAndTheStatisticsOfOlderHours()
    {
        using var f = new RequestLogFixture();
        var ancient = RequestLogFixture.Trace(T0.AddDays(-500));
        var old = RequestLogFixture.Trace(T0.AddDays(-40));
        var recent = RequestLogFixture.Trace(T0.AddDays(-1));
        await f.InsertAsync(ancient, old, recent);

        var deleted = await f.Store.ApplyRetentionAsync(T0.AddDays(-30), statisticsOlderThan: T0.AddDays(-400), maxRows: 0, Ct);

        Assert.Equal(2, deleted);
        Assert.Null(await f.Store.GetAsync(old.Id, Ct));
        Assert.NotNull(await f.Store.GetAsync(recent.Id, Ct));
        var stats = await f.Store.StatsAsync(T0.AddDays(-501), T0, byAccount: true, Ct);
        Assert.Equal(
            [RequestLogStore.HourOf(old.StartedAt), RequestLogStore.HourOf(recent.StartedAt)],
            stats.Series.Single().Points.Select(p => p.Hour.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task ApplyRetentionAsync_ByRowsOnly_KeepsStatistics()
    {
        using var f = new RequestLogFixture();
        await f.InsertAsync([.. Enumerable.Range(0, 4).Select(i => RequestLogFixture.Trace(T0.AddDays(-i)))]);

        await f.Store.ApplyRetentionAsync(olderThan: null, statisticsOlderThan: null, maxRows: 1, Ct);

        var stats = await f.Store.StatsAsync(T0.AddDays(-5), T0.AddDays(1), byAccount: true, Ct);
        Assert.Equal(4, stats.Series.Single().Points.Sum(p => p.Requests));
    }

    [Fact]
    public async Task ApplyRetentionAsync_ByRows_KeepsTheNewest()
    {
        using var f = new RequestLogFixture();
        var traces = Enumerable.Range(0, 10).Select(i => RequestLogFixture.Trace(T0.AddMinutes(i))).ToArray();
        await f.InsertAsync(traces);

        var deleted = await f.Store.ApplyRetentionAsync(null, null, maxRows: 4, Ct);

        Assert.Equal(6, deleted);
        var left = (await f.Store.SearchAsync(new RequestQuery(), Ct)).Items.Select(i => i.Id);
        Assert.Equal(traces[6..].Reverse().Select(t => t.Id), left);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task OpenAsync_NewDatabase_IsOwnerOnlyWalAndSeparateFromTheAccountsSchema()
    {
        using var f = new RequestLogFixture();
        await f.InsertAsync(RequestLogFixture.Trace(T0));

        Assert.Equal("requests.db", Path.GetFileName(f.Db.DatabasePath));
        Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(f.Db.DatabasePath));
        await using var connection = await f.Db.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync(Ct))!);
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync(Ct))!);
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)RequestLogDb.SchemaVersion, (long)(await command.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_RefusesWithClearMessage()
    {
        using var f = new RequestLogFixture();
        Directory.CreateDirectory(f.Dir.Path);
        await using (var raw = new SqliteConnection($"Data Source={f.Db.DatabasePath};Pooling=False"))
        {
            await raw.OpenAsync(Ct);
            await using var command = raw.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => f.Store.CountAsync(Ct));
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }
}
