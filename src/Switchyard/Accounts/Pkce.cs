using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Accounts;

/// <summary>PKCE (RFC 7636, S256) and the random <c>state</c> of one sign-in.</summary>
internal sealed record Pkce(string Verifier, string Challenge, string State)
{
    public static Pkce Create()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, ChallengeOf(verifier), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
    }

    public static string ChallengeOf(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
