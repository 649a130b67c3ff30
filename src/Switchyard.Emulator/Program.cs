using System.Globalization;
using Switchyard.Emulator;

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

var accounts = EmulatorHost.DefaultAccounts;
if (accountsFile is not null)
{
    var (read, error) = await EmulatorHost.ReadAccountsAsync(accountsFile);
    if (read is null)
    {
        Console.Error.WriteLine(error);
        return 2;
    }

    accounts = read;
}

await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
{
    Port = port,
    Host = host,
    Accounts = accounts,
    ConsoleLogging = true,
});
await EmulatorHost.WriteBannerAsync(server, accounts, Console.Out);
await server.WaitForShutdownAsync();
return 0;
