using Microsoft.Data.Sqlite;
using Switchyard.Storage;

namespace Switchyard.Tests.Storage;

public sealed class ResponseStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StoredResponse Row(string id, DateTimeOffset created, TimeSpan life) => new(id, created, created + life, "[]", $$"""{"id":"{{id}}"}""");

    [Fact]
    public async Task FindAsync_BeforeAndAfterExpiry_RowThenExpired()
    {
        using var dir = new TempDir();
        using var store = new ResponseStore(dir.Path, dir.File("r.db"), 5);
        await store.SaveAsync(Row("resp_1", T0, TimeSpan.FromHours(1)), T0, 10, Ct);

        var fresh = await store.FindAsync("resp_1", T0 + TimeSpan.FromMinutes(59), Ct);
        var stale = await store.FindAsync("resp_1", T0 + TimeSpan.FromHours(1), Ct);
        var missing = await store.FindAsync("resp_2", T0, Ct);

        Assert.Equal("""{"id":"resp_1"}""", fresh.Response!.Response);
        Assert.Equal((null, true), (stale.Response, stale.Expired));
        Assert.Equal((null, false), (missing.Response, missing.Expired));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task SaveAsync_PastTheRowCapAndExpiry_OldestAndExpiredRowsRemoved()
    {
        using var dir = new TempDir();
        using var store = new ResponseStore(dir.Path, dir.File("r.db"), 5);
        await store.SaveAsync(Row("short", T0, TimeSpan.FromMinutes(1)), T0, 10, Ct);
        for (var i = 0; i < 4; i++)
        {
            var at = T0 + TimeSpan.FromMinutes(2 + i);
            await store.SaveAsync(Row($"r{i}", at, TimeSpan.FromHours(1)), at, 3, Ct);
        }

        Assert.Equal(3, await store.CountAsync(Ct));
        Assert.Null((await store.FindAsync("r0", T0 + TimeSpan.FromMinutes(6), Ct)).Response);
        Assert.NotNull((await store.FindAsync("r3", T0 + TimeSpan.FromMinutes(6), Ct)).Response);
        Assert.True(await store.DeleteAsync("r3", Ct));
        Assert.False(await store.DeleteAsync("r3", Ct));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("r.db")));
        }

        SqliteConnection.ClearAllPools();
    }
}
