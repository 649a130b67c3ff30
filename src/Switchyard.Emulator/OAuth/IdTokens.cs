using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.OAuth;

/// <summary>
/// A JWT-shaped id_token (HS256 with a per-process key). Clients only decode the payload; nothing outside
/// the emulator can verify it, which is as intended.
/// </summary>
internal static class IdTokens
{
    private static readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public static string Create(EmulatedAccount account, string clientId, DateTimeOffset now, TimeSpan ttl)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["kid"] = "emulator", ["typ"] = "JWT" };
        var (given, family) = Names.Split(account.Name);
        var payload = new JsonObject
        {
            ["iss"] = "https://accounts.google.com",
            ["azp"] = clientId,
            ["aud"] = clientId,
            ["sub"] = account.Sub,
            ["email"] = account.Email,
            ["email_verified"] = true,
            ["name"] = account.Name,
            ["given_name"] = given,
            ["family_name"] = family,
            ["picture"] = Names.Picture(account),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + ttl).ToUnixTimeSeconds(),
        };
        if (account.Hd is not null)
        {
            payload["hd"] = account.Hd;
        }

        var signingInput = Segment(header) + "." + Segment(payload);
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Pkce.Base64Url(signature);
    }

    private static string Segment(JsonObject json) => Pkce.Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
