using System.Runtime.Versioning;
using Switchyard.Storage;

namespace Switchyard.Tests.Storage;

public sealed class SwitchyardDbTests
{
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task OpenAsync_NewDirectory_AppliesEveryMigrationOnce_AndFilesAreOwnerOnly()
    {
        await using var services = TestServices.Create();
        var db = services.Get<SwitchyardDb>();

        await using (var connection = await db.OpenAsync(TestContext.Current.CancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM schema_version";
            Assert.Equal((long)Migrations.All.Count, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
            foreach (var file in Directory.GetFiles(services.Dir.Path))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }

        Assert.NotEmpty(Migrations.All);
        Assert.Equal(1, Migrations.All[0].Version);
    }

    [Fact]
    public async Task OpenAsync_SecondInstanceOnSameFile_DoesNotReapplyMigrations()
    {
        using var dir = new TempDir();
        await using var first = TestServices.Create(shared: dir);
        await (await first.Get<SwitchyardDb>().OpenAsync(TestContext.Current.CancellationToken)).DisposeAsync();
        await using var second = TestServices.Create(shared: dir);

        await using var connection = await second.Get<SwitchyardDb>().OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_version";

        Assert.Equal((long)Migrations.All.Count, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }
}
