using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Emulator.OAuth;

/// <summary>PKCE (RFC 7636) with the S256 method, the only one the emulator accepts.</summary>
internal static class Pkce
{
    public const string S256 = "S256";

    /// <summary>43 to 128 characters from the unreserved set, as RFC 7636 requires of verifiers and challenges.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length is >= 43 and <= 128
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static string Challenge(string verifier) =>
        Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static bool Verifies(string verifier, string challenge) =>
        IsWellFormed(verifier)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Challenge(verifier)), Encoding.ASCII.GetBytes(challenge));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
