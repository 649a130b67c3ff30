using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Accounts;

/// <summary>
/// The passphrase-encrypted export: PBKDF2-SHA256 (600 000 iterations) derives an AES-256-GCM key from
/// the passphrase and a random salt; the JSON of the plain export is the plaintext.
/// </summary>
internal static class ExportEnvelope
{
    public const string PlainFormat = "switchyard-accounts";
    public const string EncryptedFormat = "switchyard-accounts-encrypted";
    private const int Iterations = 600_000;
    private static readonly byte[] s_associatedData = Encoding.UTF8.GetBytes(EncryptedFormat + ".v1");

    public static JsonObject Encrypt(string plaintext, string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var key = Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, Iterations, HashAlgorithmName.SHA256, 32);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[plain.Length + 16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, plain, cipher.AsSpan(0, plain.Length), cipher.AsSpan(plain.Length), s_associatedData);
        }

        return new JsonObject
        {
            ["format"] = EncryptedFormat,
            ["version"] = 1,
            ["kdf"] = "PBKDF2-SHA256",
            ["iterations"] = Iterations,
            ["salt"] = Convert.ToBase64String(salt),
            ["nonce"] = Convert.ToBase64String(nonce),
            ["ciphertext"] = Convert.ToBase64String(cipher),
        };
    }

    /// <summary>The plaintext, or null when the passphrase is wrong or the file was altered.</summary>
    public static string? Decrypt(JsonObject envelope, string passphrase)
    {
        try
        {
            var iterations = envelope["iterations"]!.GetValue<int>();
            if (iterations is < 10_000 or > 10_000_000)
            {
                return null;
            }

            var salt = Convert.FromBase64String(envelope["salt"]!.GetValue<string>());
            var nonce = Convert.FromBase64String(envelope["nonce"]!.GetValue<string>());
            var cipher = Convert.FromBase64String(envelope["ciphertext"]!.GetValue<string>());
            if (cipher.Length < 16 || nonce.Length != 12)
            {
                return null;
            }

            var key = Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, iterations, HashAlgorithmName.SHA256, 32);
            var plain = new byte[cipher.Length - 16];
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(nonce, cipher.AsSpan(0, plain.Length), cipher.AsSpan(plain.Length), plain, s_associatedData);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or InvalidOperationException or NullReferenceException)
        {
            return null;
        }
    }
}
