using Microsoft.Data.Sqlite;
using Switchyard.Foundation;
using Switchyard.RequestLog;

namespace Switchyard.Tests.RequestLog;

/// <summary>A client's or the upstream's strings are cut before they are stored: a 2 MB model name costs a row no more than a short one.</summary>
public sealed class RequestRecordBoundsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RequestTrace Hostile()
    {
        var huge = new string('m', 2 * 1024 * 1024);
        var trace = RequestLogFixture.Trace(RequestLogFixture.T0, status: 404, model: huge, error: "The model '" + huge + "' is not known.");
        trace.MappedModel = null;
        trace.SessionSource = huge;
        trace.Decision = huge;
        for (var i = 0; i < 200; i++)
        {
            trace.Attempts.Add(new AttemptRecord(i, huge, huge, huge, huge, 503, huge, TimeSpan.Zero, TimeSpan.Zero, huge));
            trace.Repairs.Add(new RepairRecord(huge, huge));
        }

        return trace;
    }

    [Fact]
    public void From_HugeStrings_AreCutToTheirLimits()
    {
        var record = RequestRecord.From(Hostile());

        Assert.Equal(BoundedText.Model, record.RequestedModel!.Length);
        Assert.True(record.Error!.Length <= BoundedText.Message);
        Assert.True(record.SessionSource!.Length <= BoundedText.Name);
        Assert.True(record.Decision!.Length <= BoundedText.Message);
        Assert.Equal(RequestRecord.MaxAttempts, record.Attempts.Count);
        Assert.Equal(RequestRecord.MaxRepairs, record.Repairs.Count);
        Assert.All(record.Attempts, a => Assert.True(a.AccountEmail.Length + a.Decision.Length + a.Outcome.Length + a.Host.Length <= 4 * BoundedText.Reason));
        Assert.All(record.Repairs, r => Assert.True(r.Detail.Length <= BoundedText.Reason));
    }

    [Fact]
    public async Task InsertAsync_HugeModelNames_KeepTheRowAndTheHourlyKeyBounded()
    {
        using var f = new RequestLogFixture();

        for (var i = 0; i < 20; i++)
        {
            await f.InsertAsync(Hostile());
        }

        await using var connection = await f.Db.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT max(length(requested_model)), max(length(error)), max(length(attempts)), (SELECT max(length(model)) FROM usage_hourly)
            FROM requests
            """;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(BoundedText.Model, reader.GetInt64(0));
        Assert.True(reader.GetInt64(1) <= BoundedText.Message);
        Assert.True(reader.GetInt64(2) < 100_000);
        Assert.Equal(BoundedText.Model, reader.GetInt64(3));
        SqliteConnection.ClearAllPools();
        Assert.True(new FileInfo(f.Db.DatabasePath).Length + FileOrZero(f.Db.DatabasePath + "-wal") < 10 * 1024 * 1024);
    }

    private static long FileOrZero(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
