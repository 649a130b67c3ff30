using System.CommandLine;
using Switchyard.Accounts;
using Switchyard.Storage;

namespace Switchyard.Hosting.Cli;

/// <summary>
/// <c>switchyard cooldowns clear [account]</c> and <c>switchyard bindings clear</c>: the stored cooldowns are deleted at
/// once (they stay cleared after a restart) and a running gateway applies the clear within two seconds.
/// </summary>
internal static class PoolClearCommands
{
    public static Command Cooldowns(CliContext context)
    {
        var account = new Argument<string?>("account") { Description = "Account id or email; every account when left out", Arity = ArgumentArity.ZeroOrOne };
        var clear = new Command("clear", "Clear cooldowns (every account's, or one's), in the database and in a running gateway.") { account };
        clear.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            string? id = null;
            if (parse.GetValue(account) is { Length: > 0 } wanted)
            {
                if (await services.GetRequiredService<AccountStore>().FindAsync(wanted, cancellationToken) is not { } found)
                {
                    await context.Error.WriteLineAsync($"No account '{wanted}'.");
                    return 1;
                }

                id = found.Id;
            }

            var deleted = await services.GetRequiredService<PoolClearStore>().RequestAsync(PoolClearKinds.Cooldowns, id, cancellationToken);
            await context.Output.WriteLineAsync($"Cleared {deleted} stored cooldown(s){(id is null ? "" : " of " + parse.GetValue(account))}; a running gateway forgets them within 2 s.");
            return 0;
        }));
        return new Command("cooldowns", "Rate-limit and quota cooldowns.") { clear };
    }

    public static Command Bindings(CliContext context)
    {
        var clear = new Command("clear", "Forget every session binding in a running gateway (bindings are not kept across restarts).");
        clear.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, context, async services =>
        {
            await services.GetRequiredService<PoolClearStore>().RequestAsync(PoolClearKinds.Bindings, null, cancellationToken);
            await context.Output.WriteLineAsync("Asked a running gateway to forget every session binding (within 2 s).");
            return 0;
        }));
        return new Command("bindings", "Session bindings (a conversation kept on its account).") { clear };
    }
}
