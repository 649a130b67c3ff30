using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Switchyard.Accounts;
using Switchyard.Admin;
using Switchyard.Foundation;
using Switchyard.Hosting.Cli;

namespace Switchyard.Hosting.Setup;

/// <summary>
/// <c>switchyard init</c>: first-run setup. Takes the OAuth client, port, API keys and admin password as flags or asks
/// for them at a terminal, checks the whole configuration as <c>serve</c> would and the client against the token
/// endpoint, and only then writes <c>switchyard.json</c> (owner-only) and the admin password. Nothing is written when
/// a check fails.
/// </summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var clientId = new Option<string?>("--client-id") { Description = "OAuth client id (docs/google-oauth.md says where to get one)" };
        var clientSecret = new Option<string?>("--client-secret") { Description = "OAuth client secret" };
        var port = new Option<int?>("--port") { Description = $"Port the gateway listens on (default {ServerOptions.DefaultPort})" };
        var host = new Option<string?>("--host") { Description = "Address to bind (default 127.0.0.1; anything else needs API keys and an admin password)" };
        var apiKeys = new Option<string[]>("--api-key") { Description = "A client API key to accept; repeatable" };
        var generateKey = new Option<bool>("--generate-api-key") { Description = "Generate one client API key and print it once" };
        var adminEnv = new Option<string?>("--admin-password-env") { Description = "Name of an environment variable holding the admin password" };
        var skipCheck = new Option<bool>("--skip-check") { Description = "Do not ask the token endpoint whether it knows the client (offline)" };
        var force = new Option<bool>("--force") { Description = "Update an existing switchyard.json (its other settings are kept)" };
        var command = new Command("init", "First-run setup: OAuth client, port, API keys and admin password, checked, then written to switchyard.json.")
        {
            clientId, clientSecret, port, host, apiKeys, generateKey, adminEnv, skipCheck, force,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new InitInput(
                parse.GetValue(clientId), parse.GetValue(clientSecret), parse.GetValue(port), parse.GetValue(host), [.. parse.GetValue(apiKeys) ?? []],
                parse.GetValue(generateKey), parse.GetValue(adminEnv), parse.GetValue(skipCheck), parse.GetValue(force),
                parse.GetValue(SwitchyardCli.DataDirOption), parse.GetValue(SwitchyardCli.SetOption) ?? []),
            context,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(InitInput input, CliContext context, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var settings = GatewayConfiguration.ParseSettings(input.Settings, errors);
        var dataDir = DataDirectory.Ensure(DataDirectory.Resolve(input.DataDir));
        var path = Path.Combine(dataDir, DataDirectory.ConfigFileName);
        if (File.Exists(path) && !input.Force)
        {
            await context.Error.WriteLineAsync($"{path} exists; pass --force to update it (its other settings are kept).");
            return CliExit.Usage;
        }

        var interactive = CliConsole.CanPrompt(context);
        var console = CliConsole.For(context.Output);
        var id = input.ClientId ?? (interactive ? await console.PromptAsync(new TextPrompt<string>("OAuth client id:"), cancellationToken) : null);
        var secret = input.ClientSecret ?? (interactive ? await console.PromptAsync(new TextPrompt<string>("OAuth client secret:").Secret(), cancellationToken) : null);
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(secret))
        {
            errors.Add($"--client-id and --client-secret are required (there is no terminal to ask); {OAuthOptions.GuideUrl} says where to get a client.");
        }

        var portValue = input.Port ?? (interactive && input.ClientId is null ? await console.PromptAsync(new TextPrompt<int>("Port:").DefaultValue(ServerOptions.DefaultPort), cancellationToken) : ServerOptions.DefaultPort);
        var keys = new List<string>(input.ApiKeys);
        var generated = input.GenerateApiKey || (interactive && input.ClientId is null && await console.PromptAsync(new ConfirmationPrompt("Generate an API key for clients?") { DefaultValue = false }, cancellationToken));
        if (generated)
        {
            keys.Add("sk-sy-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        }

        string? password = null;
        if (input.AdminPasswordEnv is { } variable)
        {
            password = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(password))
            {
                errors.Add($"--admin-password-env {variable}: the variable is not set.");
            }
        }
        else if (interactive && input.ClientId is null)
        {
            password = await console.PromptAsync(new TextPrompt<string>("Admin password (empty: none):").Secret().AllowEmpty(), cancellationToken);
        }

        if (password is { Length: > 0 } && password.Length < AdminPasswordStore.MinimumLength)
        {
            errors.Add($"The admin password must have at least {AdminPasswordStore.MinimumLength} characters.");
        }

        if (errors.Count > 0)
        {
            await context.Error.WriteLineAsync("Nothing was written:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
            return CliExit.Usage;
        }

        var file = InitFile.Build(File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null, id!, secret!, portValue, input.Host, keys);
        var problems = InitFile.Check(dataDir, file, settings, password is { Length: > 0 });
        if (problems.Count > 0)
        {
            await context.Error.WriteLineAsync("Nothing was written; the configuration would not start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(e => "  - " + e)));
            return CliExit.Usage;
        }

        if (!input.SkipCheck)
        {
            var tokenUrl = InitFile.Effective(file, settings)[$"{OAuthOptions.Section}:{nameof(OAuthOptions.TokenUrl)}"] ?? new OAuthOptions().TokenUrl;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await context.Output.WriteLineAsync($"Checking the OAuth client with {tokenUrl}");
            if (await OAuthClientCheck.RunAsync(http, tokenUrl, id!, secret!, cancellationToken) is { } refusal)
            {
                await context.Error.WriteLineAsync($"Nothing was written: {refusal} See {OAuthOptions.GuideUrl}.");
                return refusal.Contains("could not be reached", StringComparison.Ordinal) ? CliExit.Failure : CliExit.Usage;
            }
        }

        OwnerOnlyFiles.WriteAtomically(path, Encoding.UTF8.GetBytes(file.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
        OwnerOnlyFiles.Restrict(path);
        await context.Output.WriteLineAsync($"Wrote {path} (owner-only).");
        if (password is { Length: > 0 })
        {
            var store = new AdminPasswordStore(new GatewayPaths(dataDir));
            store.Set(password);
            await context.Output.WriteLineAsync($"Admin password set ({store.FilePath}).");
        }

        if (generated)
        {
            await context.Output.WriteLineAsync($"Client API key (shown once; clients send it as x-api-key or a Bearer token): {keys[^1]}");
        }

        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Next: 'switchyard accounts login' to add a Google account, then 'switchyard serve' (port {portValue}) and 'switchyard connect'."));
        return CliExit.Ok;
    }
}

/// <summary>What <c>switchyard init</c> was given.</summary>
internal sealed record InitInput(
    string? ClientId, string? ClientSecret, int? Port, string? Host, IReadOnlyList<string> ApiKeys, bool GenerateApiKey,
    string? AdminPasswordEnv, bool SkipCheck, bool Force, string? DataDir, IReadOnlyList<string> Settings);
