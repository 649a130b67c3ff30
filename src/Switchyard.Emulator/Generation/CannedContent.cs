using System.Text;

namespace Switchyard.Emulator.Generation;

/// <summary>Deterministic filler: thinking words, text of a given token length, and a tiny PNG.</summary>
internal static class CannedContent
{
    /// <summary>A valid 1×1 PNG (IHDR, IDAT, IEND with correct CRCs).</summary>
    public const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    public const int DefaultThinkingWords = 24;

    private static readonly string[] Words =
    [
        "let", "me", "consider", "the", "request", "carefully", "and", "check", "each", "step", "before", "answering",
        "so", "that", "nothing", "important", "is", "missed", "in", "this", "emulated", "line", "of", "reasoning",
    ];

    /// <summary><paramref name="count"/> words of thinking, capitalised and ending with a full stop.</summary>
    public static string Thinking(int count)
    {
        if (count <= 0)
        {
            return "";
        }

        var builder = new StringBuilder("Let");
        for (var i = 1; i < count; i++)
        {
            builder.Append(' ').Append(Words[i % Words.Length]);
        }

        return builder.Append('.').ToString();
    }

    /// <summary>ASCII text of exactly <paramref name="tokens"/> × 4 characters, so the estimate is <paramref name="tokens"/>.</summary>
    public static string TextOfTokens(int tokens)
    {
        var length = Math.Max(0, tokens) * 4;
        var builder = new StringBuilder(length + 16);
        for (var i = 0; builder.Length < length; i++)
        {
            builder.Append(Words[i % Words.Length]).Append(' ');
        }

        return builder.ToString(0, length);
    }
}
