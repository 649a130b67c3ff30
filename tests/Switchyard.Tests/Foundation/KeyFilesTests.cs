using Switchyard.Foundation;

namespace Switchyard.Tests.Foundation;

public sealed class KeyFilesTests
{
    [Fact]
    public void LoadOrCreate_Absent_CreatesOwnerOnlyKeyOnceAndReadsItBack()
    {
        using var dir = new TempDir();
        var path = dir.File("k.key");

        var first = KeyFiles.LoadOrCreate(path, 32, "test");
        var second = KeyFiles.LoadOrCreate(path, 32, "test");

        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void LoadOrCreate_WrongLength_ThrowsNamingTheFile()
    {
        using var dir = new TempDir();
        var path = dir.File("k.key");
        File.WriteAllBytes(path, new byte[5]);

        var error = Assert.Throws<InvalidDataException>(() => KeyFiles.LoadOrCreate(path, 32, "test"));

        Assert.Contains("k.key", error.Message, StringComparison.Ordinal);
    }
}
