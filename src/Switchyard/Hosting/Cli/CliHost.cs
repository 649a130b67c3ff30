using System.CommandLine;
using Microsoft.Data.Sqlite;
using Switchyard.Foundation;
using Switchyard.Storage;

namespace Switchyard.Hosting.Cli;

/// <summary>
/// Runs a CLI command against the same configuration as the server (data directory file, environment,
/// <c>--set</c>) and the same services, without starting the server. Turns the expected failures (bad
/// configuration, a locked or broken database) into one clear line and a non-zero exit code.
/// </summary>
internal static class CliHost
{
    public static async Task<int> RunAsync(ParseResult parse, CliContext context, Func<IServiceProvider, Task<int>> body)
    {
        var errors = new List<string>();
        var settings = GatewayConfiguration.ParseSettings(parse.GetValue(SwitchyardCli.SetOption) ?? [], errors);
        if (errors.Count > 0)
        {
            await context.Error.WriteLineAsync("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
            return 2;
        }

        var dataDir = DataDirectory.Ensure(DataDirectory.Resolve(parse.GetValue(SwitchyardCli.DataDirOption)));
        var configuration = new ConfigurationManager();
        try
        {
            GatewayConfiguration.AddSources(configuration, dataDir, settings);
        }
        catch (InvalidDataException ex)
        {
            await context.Error.WriteLineAsync("Invalid configuration: " + string.Join(" ", Messages(ex)));
            return 2;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).SetMinimumLevel(LogLevel.None));
        services.AddGatewayCore(dataDir);
        context.ConfigureServices?.Invoke(services);
        await using var provider = services.BuildServiceProvider();
        var problems = StartupCheck.Run(provider, configuration);
        if (problems.Count > 0)
        {
            await context.Error.WriteLineAsync(new StartupException(problems).Message);
            return 2;
        }

        try
        {
            return await body(provider);
        }
        catch (SqliteException ex) when (SwitchyardDb.IsLocked(ex))
        {
            await context.Error.WriteLineAsync("The database is locked by another process (Storage:BusyTimeoutSeconds passed); nothing was changed. Try again.");
            return 1;
        }
        catch (SqliteException ex)
        {
            await context.Error.WriteLineAsync($"Database error: {ex.Message}; nothing was changed.");
            return 1;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            await context.Error.WriteLineAsync($"Stored tokens cannot be decrypted with {Path.Combine(dataDir, SecretBox.KeyFileName)}: the key file does not belong to this database.");
            return 1;
        }
        catch (InvalidDataException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (UnauthorizedAccessException ex)
        {
            await context.Error.WriteLineAsync($"Permission denied: {ex.Message}");
            return 1;
        }
        catch (IOException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static IEnumerable<string> Messages(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }
    }
}
