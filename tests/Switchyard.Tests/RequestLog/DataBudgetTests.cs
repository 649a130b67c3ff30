using Switchyard.RequestLog;
using Switchyard.Storage;

namespace Switchyard.Tests.RequestLog;

public sealed class DataBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset T0 = RequestLogFixture.T0;

    /// <summary>Rows with a 16 KB body each, oldest first.</summary>
    private static async Task<RequestTrace[]> FillAsync(RequestLogFixture f, int rows)
    {
        var traces = Enumerable.Range(0, rows).Select(i => RequestLogFixture.Trace(T0.AddSeconds(i))).ToArray();
        var body = new string('x', 16 * 1024);
        await f.Store.InsertAsync([.. traces.Select(t => RequestRecord.From(t, body))], keepRows: true, Ct);
        return traces;
    }

    [Fact]
    public async Task EnforceBudgetAsync_OverBudget_DeletesTheOldestUntilItFits()
    {
        using var f = new RequestLogFixture(storage: new StorageOptions { DataBudgetMegabytes = 1 });
        var traces = await FillAsync(f, 300);
        var before = f.Budget.Measure();
        await using var retention = f.Retention();

        var deleted = await retention.EnforceBudgetAsync(Ct);

        var after = f.Budget.Current;
        Assert.True(before.OverBudget, $"{before.UsedBytes} bytes should be over the budget");
        Assert.False(after.OverBudget, $"{after.UsedBytes} bytes are still over the budget");
        Assert.True(deleted > 0);
        Assert.Null(await f.Store.GetAsync(traces[0].Id, Ct));
        Assert.NotNull(await f.Store.GetAsync(traces[^1].Id, Ct));
    }

    [Fact]
    public async Task EnforceBudgetAsync_WithinBudget_DeletesNothing()
    {
        using var f = new RequestLogFixture(storage: new StorageOptions { DataBudgetMegabytes = 64 });
        await FillAsync(f, 50);
        await using var retention = f.Retention();

        Assert.Equal(0, await retention.EnforceBudgetAsync(Ct));
        Assert.Equal(50, await f.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task EnforceBudgetAsync_OtherFilesFillTheBudget_EmptiesTheLogAndStaysReportedOver()
    {
        using var f = new RequestLogFixture(storage: new StorageOptions { DataBudgetMegabytes = 1 });
        await FillAsync(f, 20);
        await File.WriteAllBytesAsync(f.Dir.File("big.bin"), new byte[2 * 1024 * 1024], Ct);
        await using var retention = f.Retention();

        await retention.EnforceBudgetAsync(Ct);

        Assert.Equal(0, await f.Store.CountAsync(Ct));
        Assert.True(f.Budget.Current.OverBudget);
        Assert.True(f.Budget.Current.UsedBytes > 2 * 1024 * 1024);
    }

    [Fact]
    public async Task Measure_NoBudget_IsNeverOver()
    {
        using var f = new RequestLogFixture(storage: new StorageOptions { DataBudgetMegabytes = 0 });
        await FillAsync(f, 10);

        var status = f.Budget.Measure();

        Assert.False(status.OverBudget);
        Assert.True(status.UsedBytes > 0);
        Assert.True(status.RequestLogBytes > 0);
    }
}
