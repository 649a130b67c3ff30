using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Switchyard.Storage;

namespace Switchyard.Tests.Storage;

public sealed class SecretBoxTests
{
    [Fact]
    public void Seal_ThenOpen_RoundTripsWithoutPlaintextInTheSealedBytes()
    {
        using var dir = new TempDir();
        var box = SecretBox.ForDataDirectory(dir.Path);

        var sealedBytes = box.Seal("1//secret-refresh-token");

        Assert.Equal("1//secret-refresh-token", box.Open(sealedBytes));
        Assert.DoesNotContain("secret-refresh", Encoding.UTF8.GetString(sealedBytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TamperedBytes_Throws()
    {
        using var dir = new TempDir();
        var box = SecretBox.ForDataDirectory(dir.Path);
        var sealedBytes = box.Seal("value");
        sealedBytes[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => box.Open(sealedBytes));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void ForDataDirectory_CreatesOwnerOnlyKeyOnce_AndReusesIt()
    {
        using var dir = new TempDir();
        var sealedBytes = SecretBox.ForDataDirectory(dir.Path).Seal("value");

        var again = SecretBox.ForDataDirectory(dir.Path);

        Assert.Equal("value", again.Open(sealedBytes));
        Assert.Equal(32, File.ReadAllBytes(dir.File(SecretBox.KeyFileName)).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File(SecretBox.KeyFileName)));
    }

    [Fact]
    public void ForDataDirectory_DamagedKeyFile_ThrowsClearError()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File(SecretBox.KeyFileName), [1, 2, 3]);

        var ex = Assert.Throws<InvalidDataException>(() => SecretBox.ForDataDirectory(dir.Path));

        Assert.Contains("damaged", ex.Message, StringComparison.Ordinal);
    }
}
