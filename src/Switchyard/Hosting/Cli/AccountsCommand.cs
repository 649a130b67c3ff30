using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Switchyard.Accounts;
using Switchyard.Quota;

namespace Switchyard.Hosting.Cli;

/// <summary><c>switchyard accounts …</c>: sign in, list, enable, disable, remove, import, export.</summary>
internal static class AccountsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("accounts", "Manage the Google accounts Switchyard uses.");
        command.Subcommands.Add(Login(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(SetEnabled(context, enable: true));
        command.Subcommands.Add(SetEnabled(context, enable: false));
        command.Subcommands.Add(Remove(context));
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Export(context));
        return command;
    }

    private static Command Login(CliContext context)
    {
        var noBrowser = new Option<bool>("--no-browser") { Description = "Do not open a browser; print the URL only" };
        var headless = new Option<bool>("--headless") { Description = "No callback listener: paste the redirect URL or the code" };
        var count = new Option<int>("--count") { Description = "How many accounts to add in this run", DefaultValueFactory = _ => 1 };
        var command = new Command("login", "Sign in a Google account (OAuth with PKCE) and add it.") { noBrowser, headless, count };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 20)
            {
                await context.Error.WriteLineAsync("--count must be between 1 and 20.");
                return 2;
            }

            var flow = services.GetRequiredService<LoginFlow>();
            var ansi = CliConsole.For(context.Output);
            var console = services.GetService<ILoginConsole>() ?? new CliLoginConsole(context, ansi);
            var request = new LoginRequest(n, parse.GetValue(noBrowser), parse.GetValue(headless));
            (IReadOnlyList<Account> Accounts, string? Error) result;
            if (console is CliLoginConsole cli && !request.Headless && CliConsole.IsTerminal(context.Output))
            {
                result = await ansi.Status().StartAsync("Signing in…", async ctx =>
                {
                    cli.Status = message => ctx.Status(Markup.Escape(message));
                    return await flow.RunAsync(request, console, cancellationToken);
                });
            }
            else
            {
                result = await flow.RunAsync(request, console, cancellationToken);
            }

            foreach (var account in result.Accounts)
            {
                await context.Output.WriteLineAsync($"Signed in {account.Email} (tier {account.Tier}, project {account.ProjectId ?? "none"}).");
            }

            await ReadQuotaAsync(services, result.Accounts, context, cancellationToken);

            if (result.Error is not null)
            {
                await context.Error.WriteLineAsync("Sign-in failed: " + result.Error);
                return 1;
            }

            return 0;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("list", "List accounts: tier, project, status, quota, cooldowns.") { json };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var store = services.GetRequiredService<AccountStore>();
            var quota = services.GetRequiredService<QuotaService>();
            var credits = services.GetRequiredService<IOptions<CreditsOptions>>().Value;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var accounts = await store.ListAsync(cancellationToken);
            await quota.LoadStoredAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var a in accounts)
                {
                    var q = quota.Get(a.Id);
                    var windows = new JsonObject();
                    foreach (var e in q.Entries)
                    {
                        windows[e.Group] = new JsonObject
                        {
                            ["remainingFraction"] = e.RemainingFraction,
                            ["resetTime"] = e.ResetTime?.ToString("O", CultureInfo.InvariantCulture),
                            ["stale"] = e.Stale,
                            ["disabled"] = e.Disabled,
                        };
                    }

                    var upstream = QuotaText.Json(q, credits.ModeFor(a.Id, a.Email), e => quota.IsProtected(a.Id, [e.Group]));
                    array.Add((JsonNode)new JsonObject
                    {
                        ["id"] = a.Id,
                        ["email"] = a.Email,
                        ["tier"] = a.Tier.ToString().ToUpperInvariant(),
                        ["projectId"] = a.ProjectId,
                        ["enabled"] = a.Enabled,
                        ["disabledReason"] = a.DisabledReason,
                        ["verificationUrl"] = a.VerificationUrl,
                        ["cooldownUntil"] = a.CooldownUntil > now ? a.CooldownUntil?.ToString("O", CultureInfo.InvariantCulture) : null,
                        ["cooldownReason"] = a.CooldownUntil > now ? a.CooldownReason : null,
                        ["quota"] = windows,
                        ["credits"] = upstream["credits"]!.DeepClone(),
                        ["geminiCli"] = upstream["geminiCli"]!.DeepClone(),
                    });
                }

                await context.Output.WriteLineAsync(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }

            if (accounts.Count == 0)
            {
                await context.Output.WriteLineAsync("No accounts yet. Add one with 'switchyard accounts login' or 'switchyard accounts import'.");
                return 0;
            }

            var table = new Table().AddColumns("Id", "Email", "Tier", "Project", "Status", "Quota", "Credits, pools", "Cooldown");
            foreach (var a in accounts)
            {
                var q = quota.Get(a.Id);
                var cooldown = a.CooldownUntil > now ? $"until {a.CooldownUntil:yyyy-MM-dd HH:mm} UTC ({a.CooldownReason})" : "";
                var status = !a.Enabled ? $"disabled: {a.DisabledReason}"
                    : a.VerificationUrl is not null ? "verify (link below)"
                    : "enabled";
                table.AddRow(Cells(a.Id, a.Email, a.Tier.ToString().ToUpperInvariant(), a.ProjectId ?? "-", status,
                    QuotaText.Summary(q, now), QuotaText.Extras(q, credits.ModeFor(a.Id, a.Email)), cooldown));
            }

            CliConsole.For(context.Output).Write(table);
            await QuotaText.WriteVerificationLinksAsync(context.Output, accounts);
            return 0;
        }));
        return command;
    }

    private static Command SetEnabled(CliContext context, bool enable)
    {
        var target = new Argument<string>("account") { Description = "Email or id" };
        var reason = new Option<string?>("--reason") { Description = "Why (shown in 'accounts list')" };
        var command = new Command(enable ? "enable" : "disable", enable ? "Let the gateway use an account again." : "Stop the gateway from using an account.") { target };
        if (!enable)
        {
            command.Options.Add(reason);
        }

        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var store = services.GetRequiredService<AccountStore>();
            if (await FindAsync(store, parse.GetValue(target)!, context, cancellationToken) is not { } account)
            {
                return 1;
            }

            await store.SetEnabledAsync(account.Id, enable, parse.GetValue(reason) ?? "disabled with 'switchyard accounts disable'", cancellationToken);
            await context.Output.WriteLineAsync($"{(enable ? "Enabled" : "Disabled")} {account.Email}.");
            return 0;
        }));
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var target = new Argument<string>("account") { Description = "Email or id" };
        var command = new Command("remove", "Delete an account and its tokens from this machine.") { target };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var store = services.GetRequiredService<AccountStore>();
            if (await FindAsync(store, parse.GetValue(target)!, context, cancellationToken) is not { } account)
            {
                return 1;
            }

            await store.RemoveAsync(account.Id, cancellationToken);
            await context.Output.WriteLineAsync($"Removed {account.Email}.");
            return 0;
        }));
        return command;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string?>("file")
        {
            Description = "antigravity-accounts.json (v3/v4), a desktop manager account file or its accounts/ folder, a Switchyard export, a file holding a refresh token, or - for standard input",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var token = new Option<string?>("--refresh-token") { Description = "Import one bare refresh token instead of a file; - reads it from standard input (keeps it out of the process list)" };
        var passphraseEnv = new Option<string?>("--passphrase-env") { Description = "Environment variable holding the passphrase of an encrypted export" };
        var command = new Command("import", "Import accounts from another tool or an export; duplicates are merged by email.") { file, token, passphraseEnv };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            var importer = services.GetRequiredService<AccountImporter>();
            var path = parse.GetValue(file);
            var progress = (string m) => context.Output.WriteLine("  " + m + "…");
            ImportOutcome outcome;
            if (parse.GetValue(token) is { } bare)
            {
                if (bare == "-")
                {
                    bare = await context.Input.ReadToEndAsync(cancellationToken);
                }

                if (string.IsNullOrWhiteSpace(bare))
                {
                    await context.Error.WriteLineAsync("No refresh token: give one after --refresh-token, or - and the token on standard input.");
                    return 2;
                }

                outcome = await importer.ImportAsync(bare.Trim(), () => null, progress, cancellationToken);
            }
            else if (path is null)
            {
                await context.Error.WriteLineAsync("Give a file to import (or - for standard input), or --refresh-token.");
                return 2;
            }
            else if (path != "-" && Directory.Exists(path))
            {
                outcome = await importer.ImportDirectoryAsync(path, progress, cancellationToken);
            }
            else
            {
                string text;
                try
                {
                    text = path == "-" ? await context.Input.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await context.Error.WriteLineAsync($"Cannot read {path}: {ex.Message}");
                    return 1;
                }

                outcome = await importer.ImportAsync(text, () => CliConsole.ReadSecret(context, parse.GetValue(passphraseEnv), "Passphrase of the export:"), progress, cancellationToken);
            }

            if (outcome.Error is not null)
            {
                await context.Error.WriteLineAsync("Import failed: " + outcome.Error + " The store was not changed.");
                return 1;
            }

            foreach (var (account, added) in outcome.Accounts)
            {
                await context.Output.WriteLineAsync($"{(added ? "Added" : "Merged")} {account.Email} (tier {account.Tier}, project {account.ProjectId ?? "none"}).");
            }

            await ReadQuotaAsync(services, [.. outcome.Accounts.Where(x => x.Added).Select(x => x.Account)], context, cancellationToken);

            await context.Output.WriteLineAsync($"Imported {outcome.Accounts.Count} account(s) from a {outcome.Format}.");
            return 0;
        }));
        return command;
    }

    private static Command Export(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "Where to write the export (mode 0600)" };
        var passphraseEnv = new Option<string?>("--passphrase-env") { Description = "Environment variable holding the passphrase (else you are asked)" };
        var plain = new Option<bool>("--plain") { Description = "Write refresh tokens unencrypted (needs --yes-i-understand)" };
        var understand = new Option<bool>("--yes-i-understand") { Description = "Confirm a plain export" };
        var command = new Command("export", "Export every account with its refresh token, encrypted with a passphrase.") { file, passphraseEnv, plain, understand };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            string? passphrase = null;
            if (parse.GetValue(plain))
            {
                if (!parse.GetValue(understand))
                {
                    await context.Error.WriteLineAsync("A plain export lets anyone who reads the file use your accounts; add --yes-i-understand to write one anyway.");
                    return 2;
                }

                await context.Error.WriteLineAsync("Warning: writing refresh tokens unencrypted. Keep the file private and delete it after use.");
            }
            else
            {
                passphrase = CliConsole.ReadSecret(context, parse.GetValue(passphraseEnv), "Passphrase for the export:");
                if (string.IsNullOrEmpty(passphrase))
                {
                    await context.Error.WriteLineAsync("No passphrase: set one in an environment variable named by --passphrase-env, or run at a terminal to be asked. (--plain --yes-i-understand writes an unencrypted export.)");
                    return 2;
                }
            }

            var count = await services.GetRequiredService<AccountExporter>().ExportAsync(parse.GetValue(file)!, passphrase, cancellationToken);
            await context.Output.WriteLineAsync($"Exported {count} account(s) to {parse.GetValue(file)}{(passphrase is null ? " (unencrypted)" : " (encrypted)")}.");
            return 0;
        }));
        return command;
    }

    private static async Task<Account?> FindAsync(AccountStore store, string target, CliContext context, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(target, cancellationToken);
        if (account is null)
        {
            await context.Error.WriteLineAsync($"No account matches '{target}'. See 'switchyard accounts list'.");
        }

        return account;
    }

    private static Text[] Cells(params string[] values) => [.. values.Select(v => new Text(v))];

    /// <summary>A newly added account's quota is read at once (<c>Quota:RefreshOnStart</c>), so it shows at once.</summary>
    private static async Task ReadQuotaAsync(IServiceProvider services, IReadOnlyList<Account> added, CliContext context, CancellationToken cancellationToken)
    {
        if (added.Count == 0 || !services.GetRequiredService<IOptions<QuotaOptions>>().Value.RefreshOnStart)
        {
            return;
        }

        await services.GetRequiredService<AccountRegistry>().ReloadAsync(cancellationToken);
        var quota = services.GetRequiredService<QuotaService>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var account in added)
        {
            var error = await quota.RefreshAsync(account.Id, cancellationToken);
            await context.Output.WriteLineAsync(error is null
                ? $"  quota of {account.Email}: {QuotaText.Summary(quota.Get(account.Id), now)}"
                : $"  quota of {account.Email} not read yet: {error}");
        }
    }
}
