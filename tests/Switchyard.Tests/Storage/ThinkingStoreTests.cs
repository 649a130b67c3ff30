using System.Runtime.Versioning;
using Switchyard.Storage;

namespace Switchyard.Tests.Storage;

public sealed class ThinkingStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ThinkingStore Store(TempDir dir, int maxRows = 100) => new(dir.Path, dir.File("thinking.db"), 5, maxRows);

    [Fact]
    public async Task WriteAsync_ThenLoadAsync_RowsBackLastWriteOfAKeyWinsExpiredGone()
    {
        using var dir = new TempDir();
        var store = Store(dir);

        await store.WriteAsync([new("toolu_1", "old", "sig-old", "Claude", 2_000), new("toolu_2", "t", "sig-2", "Claude", 1_500)], nowMs: 1_000, Ct);
        await store.WriteAsync([new("toolu_1", "new", "sig-new", "Claude", 3_000)], nowMs: 1_000, Ct);
        var rows = await new ThinkingStore(dir.Path, dir.File("thinking.db"), 5, 100).LoadAsync(nowMs: 1_600, Ct);

        var row = Assert.Single(rows);
        Assert.Equal(("toolu_1", "new", "sig-new"), (row.Key, row.Text, row.Signature));
    }

    [Fact]
    public async Task WriteAsync_MoreRowsThanTheBound_OldestWrittenDeleted()
    {
        using var dir = new TempDir();
        var store = Store(dir, maxRows: 3);

        for (var i = 0; i < 5; i++)
        {
            await store.WriteAsync([new($"k{i}", "t", "s", "Claude", 10_000)], nowMs: 0, Ct);
        }

        Assert.Equal(["k2", "k3", "k4"], (await store.LoadAsync(0, Ct)).Select(r => r.Key));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task WriteAsync_NewFile_OwnerOnly()
    {
        using var dir = new TempDir();

        await Store(dir).WriteAsync([new("k", "t", "s", "Claude", 10)], nowMs: 0, Ct);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("thinking.db")));
    }
}
