namespace Switchyard.Foundation;

/// <summary>
/// Caps on strings the gateway stores that a client or the upstream chose (model names, error texts, reasons): a
/// stored string never grows with what was sent. Cut on a character boundary, with a trailing ellipsis.
/// </summary>
internal static class BoundedText
{
    /// <summary>Model names, as requested or mapped.</summary>
    public const int Model = 200;

    /// <summary>Error messages and decision traces.</summary>
    public const int Message = 2_000;

    /// <summary>Short reasons and details (why an account is disabled or cooling, what a repair did).</summary>
    public const int Reason = 500;

    /// <summary>Names and labels (client key names, hosts, outcomes, pools).</summary>
    public const int Name = 200;

    private const string Ellipsis = "…";

    /// <summary><paramref name="text"/> when it has at most <paramref name="max"/> characters, else its start and an ellipsis (max characters in all).</summary>
    public static string Clip(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - Ellipsis.Length;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    /// <summary>As <see cref="Clip(string, int)"/>; null stays null.</summary>
    public static string? ClipOrNull(string? text, int max) => text is null ? null : Clip(text, max);
}
