using System.Security.Cryptography;
using System.Text;
using Switchyard.Foundation;

namespace Switchyard.Storage;

/// <summary>
/// Encrypts secrets at rest with AES-256-GCM under a 32-byte key kept in <c>secret.key</c> in the data
/// directory (0600, created atomically so two processes starting together agree on one key).
/// Sealed form: version byte 1, 12-byte nonce, ciphertext, 16-byte tag. Thread-safe.
/// </summary>
internal sealed class SecretBox
{
    public const string KeyFileName = "secret.key";
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] s_associatedData = Encoding.UTF8.GetBytes("switchyard.secret.v1");
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The key must be 32 bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Loads the key file in <paramref name="dataDir"/>, creating it when absent.</summary>
    public static SecretBox ForDataDirectory(string dataDir) =>
        new(KeyFiles.LoadOrCreate(Path.Combine(dataDir, KeyFileName), 32, "without it the stored tokens cannot be read."));

    public byte[] Seal(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[1 + NonceSize + plain.Length + TagSize];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceSize, plain.Length), sealedBytes.AsSpan(1 + NonceSize + plain.Length), s_associatedData);
        return sealedBytes;
    }

    /// <summary>Decrypts; throws <see cref="CryptographicException"/> when the bytes were not sealed with this key.</summary>
    public string Open(byte[] sealedBytes)
    {
        if (sealedBytes.Length < 1 + NonceSize + TagSize || sealedBytes[0] != Version)
        {
            throw new CryptographicException("Not a sealed secret.");
        }

        var length = sealedBytes.Length - 1 - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(1, NonceSize), sealedBytes.AsSpan(1 + NonceSize, length), sealedBytes.AsSpan(1 + NonceSize + length), plain, s_associatedData);
        return Encoding.UTF8.GetString(plain);
    }
}
