using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Switchyard.Foundation;

namespace Switchyard.Admin;

/// <summary>
/// The admin password as a salted PBKDF2-SHA256 hash in <c>admin-password</c> (0600) in the data directory:
/// <c>pbkdf2-sha256$iterations$salt$hash</c> (base64). The password itself is never stored. Thread-safe.
/// </summary>
internal sealed class AdminPasswordStore(GatewayPaths paths)
{
    public const string FileName = "admin-password";
    public const int DefaultIterations = 600_000;
    public const int MinimumLength = 8;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public string FilePath => Path.Combine(paths.DataDir, FileName);

    public bool IsSet => File.Exists(FilePath);

    /// <summary>Hashes and stores <paramref name="password"/>, replacing any previous one.</summary>
    public void Set(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinimumLength)
        {
            throw new ArgumentException($"The password must have at least {MinimumLength} characters.", nameof(password));
        }

        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        var line = string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
        DataDirectory.Ensure(paths.DataDir);
        OwnerOnlyFiles.WriteAtomically(FilePath, Encoding.ASCII.GetBytes(line + "\n"));
    }

    public void Clear() => File.Delete(FilePath);

    /// <summary>True when a password is set and <paramref name="password"/> is it (constant-time comparison).</summary>
    public bool Verify(string? password)
    {
        string text;
        try
        {
            text = File.ReadAllText(FilePath).Trim();
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }

        var parts = text.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            throw new InvalidDataException($"{FilePath} is not a Switchyard password hash; set the password again with 'switchyard admin set-password'.");
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{FilePath} is damaged; set the password again with 'switchyard admin set-password'.", ex);
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password ?? ""), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
