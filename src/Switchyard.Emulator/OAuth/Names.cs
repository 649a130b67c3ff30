using Switchyard.Emulator.State;

namespace Switchyard.Emulator.OAuth;

/// <summary>Display-name helpers shared by userinfo and id tokens.</summary>
internal static class Names
{
    /// <summary>"Ada Lovelace" → ("Ada", "Lovelace"); a single word has no family name.</summary>
    public static (string Given, string? Family) Split(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (trimmed, null) : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }

    public static string Picture(EmulatedAccount account) =>
        account.Picture ?? $"https://lh3.googleusercontent.com/a/emu-{account.Sub}=s96-c";
}
