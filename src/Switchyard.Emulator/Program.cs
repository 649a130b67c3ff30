using System.Globalization;
using System.Text.Json;
using Switchyard.Emulator;
using Switchyard.Emulator.State;

// The emulator executable: `--port N` (default 8046), `--host ADDR`, `--accounts file.json`.
var port = 8046;
var host = "127.0.0.1";
string? accountsFile = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535:
            port = p;
            i++;
            break;
        case "--host" when i + 1 < args.Length:
            host = args[++i];
            break;
        case "--accounts" when i + 1 < args.Length:
            accountsFile = args[++i];
            break;
        case "--help" or "-h":
            Console.WriteLine("Switchyard.Emulator [--port N] [--host ADDR] [--accounts accounts.json]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Try --help.");
            return 2;
    }
}

IReadOnlyList<AccountSeed> accounts =
[
    new() { Email = "ada@example.com", Name = "Ada Lovelace", Tier = "ULTRA" },
    new() { Email = "grace@example.com", Name = "Grace Hopper", Tier = "PRO" },
    new() { Email = "alan@example.com", Name = "Alan Turing", Tier = "FREE" },
];
if (accountsFile is not null)
{
    try
    {
        await using var stream = File.OpenRead(accountsFile);
        accounts = await JsonSerializer.DeserializeAsync(stream, EmulatorJsonContext.Default.ListAccountSeed)
            ?? throw new JsonException("The file holds null.");
    }
    catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"Cannot read accounts from '{accountsFile}': {ex.Message}");
        return 2;
    }
}

await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
{
    Port = port,
    Host = host,
    Accounts = accounts,
    ConsoleLogging = true,
});
Console.WriteLine($"Switchyard emulator listening on {server.BaseUrl}");
Console.WriteLine($"  Cloud Code hosts: {string.Join(", ", new[] { "daily-sandbox", "daily", "autopush", "prod" }.Select(server.CloudCodeUrl))}");
Console.WriteLine($"  OAuth: {server.AuthorizeUrl}  token: {server.TokenUrl}");
Console.WriteLine($"  Control API: {server.BaseUrl}__emulator/  (accounts: {string.Join(", ", accounts.Select(a => a.Email))})");
await server.WaitForShutdownAsync();
return 0;
