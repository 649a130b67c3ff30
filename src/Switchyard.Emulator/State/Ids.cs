using System.Security.Cryptography;

namespace Switchyard.Emulator.State;

/// <summary>Identifier spellings the upstream uses.</summary>
internal static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Base62(int length) => string.Create(length, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });

    /// <summary>Claude response id: <c>msg_vrtx_</c> + 22 base62.</summary>
    public static string ClaudeResponseId() => "msg_vrtx_" + Base62(22);

    /// <summary>Claude function call id: <c>toolu_vrtx_</c> + 22 base62.</summary>
    public static string ClaudeToolId() => "toolu_vrtx_" + Base62(22);

    /// <summary>Gemini response id: base64url-like.</summary>
    public static string GeminiResponseId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
