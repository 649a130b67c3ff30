using Switchyard.Admin;
using Switchyard.Foundation;

namespace Switchyard.Tests.Admin;

public sealed class AdminPasswordStoreTests
{
    [Fact]
    public void Verify_AfterSet_AcceptsOnlyThePassword()
    {
        using var dir = new TempDir();
        var store = new AdminPasswordStore(new GatewayPaths(dir.Path));

        store.Set("open sesame 123", iterations: 1000);

        Assert.True(store.Verify("open sesame 123"));
        Assert.False(store.Verify("open sesame 124"));
        Assert.False(store.Verify(""));
        Assert.False(store.Verify(null));
    }

    [Fact]
    public void Set_SamePasswordTwice_StoresDifferentSaltsAndNeverThePassword()
    {
        using var dir = new TempDir();
        var store = new AdminPasswordStore(new GatewayPaths(dir.Path));

        store.Set("open sesame 123", iterations: 1000);
        var first = File.ReadAllText(store.FilePath);
        store.Set("open sesame 123", iterations: 1000);
        var second = File.ReadAllText(store.FilePath);

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$1000$", first, StringComparison.Ordinal);
        Assert.DoesNotContain("sesame", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoPasswordSet_IsFalse()
    {
        using var dir = new TempDir();
        var store = new AdminPasswordStore(new GatewayPaths(dir.Path));

        Assert.False(store.IsSet);
        Assert.False(store.Verify("anything at all"));
    }

    [Fact]
    public void Verify_DamagedFile_ThrowsInvalidDataNamingTheCommand()
    {
        using var dir = new TempDir();
        var store = new AdminPasswordStore(new GatewayPaths(dir.Path));
        File.WriteAllText(store.FilePath, "plaintext-password");

        var ex = Assert.Throws<InvalidDataException>(() => store.Verify("plaintext-password"));

        Assert.Contains("set-password", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_ShortPassword_Throws()
    {
        using var dir = new TempDir();
        var store = new AdminPasswordStore(new GatewayPaths(dir.Path));

        Assert.Throws<ArgumentException>(() => store.Set("short"));
        Assert.False(store.IsSet);
    }
}
