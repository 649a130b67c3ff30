using System.Text.Json;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator;

/// <summary>What the emulator executable and <c>switchyard emulator</c> share: the default accounts, reading an accounts file, the banner.</summary>
public static class EmulatorHost
{
    /// <summary>The accounts an emulator started by hand has unless given a file.</summary>
    public static IReadOnlyList<AccountSeed> DefaultAccounts { get; } =
    [
        new() { Email = "ada@example.com", Name = "Ada Lovelace", Tier = "ULTRA" },
        new() { Email = "grace@example.com", Name = "Grace Hopper", Tier = "PRO" },
        new() { Email = "alan@example.com", Name = "Alan Turing", Tier = "FREE" },
    ];

    /// <summary>Reads a JSON array of accounts; the error names the file and the problem.</summary>
    public static async Task<(IReadOnlyList<AccountSeed>? Accounts, string? Error)> ReadAccountsAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var accounts = await JsonSerializer.DeserializeAsync(stream, EmulatorJsonContext.Default.ListAccountSeed, cancellationToken);
            return accounts is null ? (null, $"Cannot read accounts from '{path}': the file holds null.") : (accounts, null);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return (null, $"Cannot read accounts from '{path}': {ex.Message}");
        }
    }

    /// <summary>Writes where everything is served.</summary>
    public static async Task WriteBannerAsync(EmulatorServer server, IReadOnlyList<AccountSeed> accounts, TextWriter output)
    {
        await output.WriteLineAsync($"Switchyard emulator listening on {server.BaseUrl}");
        await output.WriteLineAsync($"  Cloud Code hosts: {string.Join(", ", new[] { "daily-sandbox", "daily", "autopush", "prod" }.Select(server.CloudCodeUrl))}");
        await output.WriteLineAsync($"  OAuth: {server.AuthorizeUrl}  token: {server.TokenUrl}");
        await output.WriteLineAsync($"  Control API: {server.BaseUrl}__emulator/  (accounts: {string.Join(", ", accounts.Select(a => a.Email))})");
    }
}
