using Switchyard.Foundation;

namespace Switchyard.Tests.Foundation;

public sealed class DataDirectoryTests
{
    [Fact]
    public void Ensure_NewDirectory_IsOwnerOnly()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "nested", "data");

        DataDirectory.Ensure(path);

        Assert.True(Directory.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Resolve_GivenPath_WinsAndIsAbsolute()
    {
        Assert.Equal(Path.GetFullPath("rel/dir"), DataDirectory.Resolve("rel/dir"));
    }

    [Fact]
    public void Tighten_WorldReadableDirectoryAndConfig_BecomeOwnerOnlyWithAWarningEach()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDir();
        var config = dir.File(DataDirectory.ConfigFileName);
        File.WriteAllText(config, """{"Auth":{"ApiKeys":[{"Name":"a","Key":"sk-secret-key"}]}}""");
        File.SetUnixFileMode(config, (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);

        var changes = DataDirectory.Tighten(dir.Path);

        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, c => c.Contains("0755", StringComparison.Ordinal) && c.Contains("now 0700", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Contains(DataDirectory.ConfigFileName, StringComparison.Ordinal) && c.Contains("0644", StringComparison.Ordinal) && c.Contains("secrets", StringComparison.Ordinal));
        Assert.DoesNotContain(changes, c => c.Contains("sk-secret-key", StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.Path));
        Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(config));
    }

    [Fact]
    public void Tighten_AlreadyOwnerOnly_ChangesNothing()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDir();
        File.SetUnixFileMode(dir.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = dir.File("switchyard.db");
        File.WriteAllBytes(file, [1, 2, 3]);
        File.SetUnixFileMode(file, OwnerOnlyFiles.Mode);

        Assert.Empty(DataDirectory.Tighten(dir.Path));
    }
}
