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
}
